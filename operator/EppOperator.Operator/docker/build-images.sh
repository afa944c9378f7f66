#!/usr/bin/env bash
# Builds the images of the three executables: eppoperator/epp, eppoperator/epp-operator, eppoperator/eppsim.
#   operator/EppOperator.Operator/docker/build-images.sh [TAG]      (default tag: dev)
# Needs the .NET 10 SDK and Docker. Each executable is published self-contained for linux-x64 (or linux-arm64 on
# arm64 hosts) and copied onto Debian slim by the Dockerfile next to this script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
tag="${1:-dev}"
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac

publish() {
  local project="$1" app="$2"
  local out="$root/artifacts/publish/$app"
  rm -rf "$out"
  dotnet publish "$root/$project" -c Release -r "$rid" --self-contained true -p:PublishSingleFile=false -o "$out"
  # The Dockerfile starts /app/entrypoint whatever the executable is called.
  ln -sf "$app" "$out/entrypoint"
  docker build -f "$root/operator/EppOperator.Operator/docker/Dockerfile" --build-arg APP="$app" -t "eppoperator/$app:$tag" "$out"
}

publish epp/EppOperator.Epp.Host/EppOperator.Epp.Host.csproj epp
publish operator/EppOperator.Operator/EppOperator.Operator.csproj epp-operator
publish sim/EppOperator.Sim/EppOperator.Sim.csproj eppsim
echo "built eppoperator/epp:$tag eppoperator/epp-operator:$tag eppoperator/eppsim:$tag"
