using System.Text.Json.Nodes;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// Istio 1.28+ routes InferencePool backends natively and calls the picker named by the pool; the operator adds
/// a DestinationRule for the picker Service so the gateway originates TLS and verifies the picker's certificate
/// (CA, SNI and SAN) instead of skipping verification. Istio reads <c>credentialName</c> from the proxy's own
/// namespace, so the CA Secret is placed in the pool's namespace and in the namespace of every Gateway whose
/// routes reference the pool.
/// </summary>
internal static class IstioBuilder
{
    public static IReadOnlyList<IKubernetesObject> Build(InferencePoolView pool, PickerEndpoint picker, IReadOnlyList<HttpRoute> routes, string? caPem)
    {
        var tls = picker.Tls switch
        {
            PickerTls.Verified => new JsonObject
            {
                ["mode"] = "SIMPLE",
                ["credentialName"] = ChildNames.CaBundle(pool.Name),
                ["sni"] = picker.ServerName,
                ["subjectAltNames"] = new JsonArray(picker.ServerName),
            },
            PickerTls.Unverified => new JsonObject { ["mode"] = "SIMPLE", ["insecureSkipVerify"] = true },
            _ => new JsonObject { ["mode"] = "DISABLE" },
        };
        var children = new List<IKubernetesObject>
        {
            new IstioDestinationRule
            {
                Metadata = ChildMetadata.For(pool, ChildNames.DestinationRule(picker.Service), "epp-tls"),
                Spec = new JsonObject
                {
                    ["host"] = picker.Fqdn,
                    ["trafficPolicy"] = new JsonObject { ["tls"] = tls },
                },
            },
        };
        if (picker.Tls == PickerTls.Verified && caPem is not null)
        {
            var namespaces = new SortedSet<string>(StringComparer.Ordinal) { pool.Namespace };
            foreach (var route in routes)
            {
                foreach (var parent in route.Spec.ParentRefs ?? [])
                {
                    if ((parent.Kind ?? "Gateway") == "Gateway") namespaces.Add(parent.Namespace ?? route.Metadata.Namespace ?? pool.Namespace);
                }
            }

            foreach (var ns in namespaces) children.Add(CaBundle.Secret(pool, ns, caPem));
        }

        return children;
    }
}
