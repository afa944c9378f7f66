#!/usr/bin/env bash
# End-to-end check of epp-operator on a real cluster (k3d). Needs Docker, k3d, kubectl, helm, curl, jq and the
# .NET 10 SDK. It cannot run on the build machine (no Docker there); see README.md.
#
#   tests/e2e/k3d/run.sh                      # DATA_PLANE=envoy-gateway (default): Envoy Gateway -> picker -> pod
#   DATA_PLANE=envoy tests/e2e/k3d/run.sh     # Envoy Gateway -> the pool's standalone Envoy -> picker -> pod
#   KEEP_CLUSTER=1 tests/e2e/k3d/run.sh       # leave the cluster for inspection
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/tests/e2e/k3d"
cluster="${CLUSTER:-epp-e2e}"
data_plane="${DATA_PLANE:-envoy-gateway}"
eg_version="${EG_VERSION:-v1.5.0}"
tag=e2e
kube=(kubectl --context "k3d-$cluster")

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; "${kube[@]}" get pods -A -o wide >&2 || true; exit 1; }

for tool in docker k3d kubectl helm curl jq dotnet; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
case "$data_plane" in
  envoy|envoy-gateway) ;;
  *) fail "DATA_PLANE must be envoy-gateway or envoy" ;;
esac

cleanup() {
  [ -n "${port_forward_pid:-}" ] && kill "$port_forward_pid" 2>/dev/null || true
  if [ "${KEEP_CLUSTER:-0}" != 1 ]; then k3d cluster delete "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

step "Build the images (epp, epp-operator, eppsim)"
"$root/operator/EppOperator.Operator/docker/build-images.sh" "$tag"

step "Create the k3d cluster $cluster"
k3d cluster delete "$cluster" >/dev/null 2>&1 || true
k3d cluster create "$cluster" --agents 1 --k3s-arg "--disable=traefik@server:0" --wait
k3d image import -c "$cluster" "eppoperator/epp:$tag" "eppoperator/epp-operator:$tag" "eppoperator/eppsim:$tag"

step "Install Envoy Gateway $eg_version (Gateway API CRDs included)"
"${kube[@]}" apply --server-side -f "https://github.com/envoyproxy/gateway/releases/download/$eg_version/install.yaml"
"${kube[@]}" -n envoy-gateway-system wait --timeout=5m deployment/envoy-gateway --for=condition=Available
if [ "$data_plane" = envoy-gateway ]; then
  # The operator reaches the picker through an Envoy Gateway Backend (TLS verified with its CA): enable that API.
  "${kube[@]}" -n envoy-gateway-system patch configmap envoy-gateway-config --type merge -p "$(cat <<'PATCH'
{"data":{"envoy-gateway.yaml":"apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyGateway\ngateway:\n  controllerName: gateway.envoyproxy.io/gatewayclass-controller\nprovider:\n  type: Kubernetes\nextensionApis:\n  enableBackend: true\n"}}
PATCH
)"
  "${kube[@]}" -n envoy-gateway-system rollout restart deployment/envoy-gateway
  "${kube[@]}" -n envoy-gateway-system rollout status deployment/envoy-gateway --timeout=5m
fi

step "Apply the CRDs and helm-install the operator (data plane: $data_plane)"
"${kube[@]}" apply -f "$root/crds"
helm upgrade -i epp-operator "$root/charts/epp-operator" -n epp-operator-system --create-namespace \
  --kube-context "k3d-$cluster" \
  --set crds.install=false \
  --set image.tag="$tag" --set image.pullPolicy=Never \
  --set epp.image="eppoperator/epp:$tag" \
  --set dataPlane="$data_plane" --wait
"${kube[@]}" -n epp-operator-system rollout status deployment/epp-operator --timeout=3m

step "Deploy the simulated model servers"
sim=("${kube[@]}" apply -f "$here/manifests/model-servers.yaml")
"${sim[@]}"
if [ -n "${EPPSIM_ARGS:-}" ]; then
  "${kube[@]}" patch deployment vllm-llama3 --type json -p "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/args\",\"value\":$(jq -cn --arg a "$EPPSIM_ARGS" '$a | split(" ")')}]"
fi
"${kube[@]}" rollout status deployment/vllm-llama3 --timeout=3m

step "Apply the Gateway, the InferencePool, an InferenceModel and the HTTPRoute"
"${kube[@]}" apply -f "$here/manifests/gateway.yaml"
"${kube[@]}" apply -f "$root/examples/inferencepool-v1.yaml" -f "$root/examples/inferenceobjectives.yaml"
"${kube[@]}" apply -f "$root/examples/inferencepool-v1alpha2.yaml" -f "$root/examples/inferencemodel.yaml"
# The checks below direct a request to one pod and read back who served: that needs the picker's conformance
# hooks, which are off unless the pool asks for them (never on a pool that serves real clients).
"${kube[@]}" annotate --overwrite inferencepool.inference.networking.k8s.io/vllm-llama3 eppoperator.io/epp-conformance-hooks=true
if [ "$data_plane" = envoy ]; then
  "${kube[@]}" apply -f "$here/manifests/route-to-standalone-envoy.yaml"
else
  # Plain Envoy Gateway routes Services, not InferencePools: the route targets the pool's shadow Service and the
  # operator attaches the picker (EnvoyExtensionPolicy) and the endpoint override (BackendTrafficPolicy) to it.
  "${kube[@]}" apply -f "$here/manifests/route-to-shadow-service.yaml"
fi

step "Wait for the operator's conditions and the picker"
"${kube[@]}" wait --timeout=3m --for=jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].status}'=True inferencepool.inference.networking.k8s.io/vllm-llama3
if [ "$data_plane" = envoy-gateway ]; then
  "${kube[@]}" get envoyextensionpolicy llm-route-vllm-llama3-epp backendtrafficpolicy llm-route-vllm-llama3-lb backend vllm-llama3-epp
fi
"${kube[@]}" wait --timeout=3m --for=jsonpath='{.status.parents[0].conditions[?(@.type=="ResolvedRefs")].status}'=True inferencepool.inference.networking.k8s.io/vllm-llama3
"${kube[@]}" wait --timeout=3m --for=jsonpath='{.status.conditions[?(@.type=="Ready")].status}'=True inferencemodel/llama3-chat
hooks_on=
for _ in $(seq 1 90); do
  picker_args="$("${kube[@]}" get deployment vllm-llama3-epp -o jsonpath='{.spec.template.spec.containers[0].args}' 2>/dev/null || true)"
  case "$picker_args" in *--conformance-hooks*) hooks_on=1; break ;; esac
  sleep 2
done
[ -n "$hooks_on" ] || fail "the picker Deployment never got --conformance-hooks from the pool's annotation"
"${kube[@]}" rollout status deployment/vllm-llama3-epp --timeout=3m
[ "$data_plane" = envoy ] && "${kube[@]}" rollout status deployment/vllm-llama3-envoy --timeout=3m
"${kube[@]}" get inferencepools.inference.networking.k8s.io -o wide
"${kube[@]}" wait --timeout=3m --for=condition=Programmed gateway/inference-gateway

step "Send requests through the gateway and check the served endpoint"
gateway_service="$("${kube[@]}" -n envoy-gateway-system get service -l gateway.envoyproxy.io/owning-gateway-name=inference-gateway -o jsonpath='{.items[0].metadata.name}')"
"${kube[@]}" -n envoy-gateway-system port-forward "service/$gateway_service" 18080:80 >/dev/null 2>&1 &
port_forward_pid=$!
for _ in $(seq 1 30); do curl -s -o /dev/null localhost:18080 && break; sleep 1; done
pod_endpoints="$("${kube[@]}" get pods -l app=vllm-llama3 -o jsonpath='{range .items[*]}{.status.podIP}:8000{"\n"}{end}')"
served=()
for i in $(seq 1 12); do
  headers="$(mktemp)"
  status="$(curl -s -o /dev/null -D "$headers" -w '%{http_code}' localhost:18080/v1/completions \
    -H 'Content-Type: application/json' -H 'x-gateway-inference-objective: interactive' \
    -d '{"model":"llama3","prompt":"Write a haiku about load balancing","max_tokens":16}')"
  [ "$status" = 200 ] || fail "request $i returned HTTP $status"
  # The picker reports the endpoint that served the request (conformance hook, switched on by the annotation above).
  endpoint="$(grep -i '^x-conformance-test-served-endpoint:' "$headers" | awk '{print $2}' | tr -d '\r')"
  rm -f "$headers"
  [ -n "$endpoint" ] || fail "request $i: no served-endpoint header"
  grep -qx "$endpoint" <<<"$pod_endpoints" || fail "request $i was served by $endpoint, not a pool member ($pod_endpoints)"
  served+=("$endpoint")
done
printf 'served by: %s\n' "$(printf '%s\n' "${served[@]}" | sort | uniq -c | tr '\n' ' ')"

step "Direct a request to one pod and check it lands there"
target="$(head -n1 <<<"$pod_endpoints")"
headers="$(mktemp)"
curl -s -o /dev/null -D "$headers" localhost:18080/v1/completions -H 'Content-Type: application/json' \
  -H "test-epp-endpoint-selection: ${target%:*}" -d '{"model":"llama3","prompt":"hi","max_tokens":4}'
grep -qi "^x-conformance-test-served-endpoint: $target" "$headers" || fail "the directed request did not land on $target"
rm -f "$headers"

step "Delete the pool: the operator's children go with it"
"${kube[@]}" delete -f "$root/examples/inferencepool-v1.yaml"
"${kube[@]}" wait --timeout=2m --for=delete deployment/vllm-llama3-epp
echo
echo "e2e passed (data plane: $data_plane)"
