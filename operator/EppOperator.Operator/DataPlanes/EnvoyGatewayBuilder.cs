using System.Text.Json.Nodes;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// Envoy Gateway wiring for each HTTPRoute that sends traffic to the pool, all in the route's namespace (policies
/// attach only to local routes): an EnvoyExtensionPolicy running ext_proc against the picker in FULL_DUPLEX_STREAMED
/// mode with <c>envoy.lb</c> metadata readable and writable, a Backend that reaches the picker by its Service FQDN and
/// verifies its certificate (needs Envoy Gateway's <c>enableBackend</c>), and the CA bundle the Backend trusts. Routing
/// the InferencePool backend itself is Envoy Gateway's job (its InferencePool support).
/// </summary>
/// <remarks>
/// Envoy Gateway rejects <c>failOpen: true</c> together with FULL_DUPLEX_STREAMED (its CEL rule), and the picker needs
/// that mode to answer after the body, so a FailOpen pool still fails closed here; the planner reports it.
/// </remarks>
internal static class EnvoyGatewayBuilder
{
    public static IReadOnlyList<IKubernetesObject> Build(InferencePoolView pool, PickerEndpoint picker, IReadOnlyList<HttpRoute> routes, string? caPem)
    {
        var children = new List<IKubernetesObject>();
        foreach (var ns in routes.Select(r => r.Metadata.Namespace ?? pool.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            children.Add(Backend(pool, picker, ns));
            if (picker.Tls == PickerTls.Verified && caPem is not null) children.Add(CaBundle.ConfigMap(pool, ns, caPem));
        }

        foreach (var route in routes.OrderBy(r => r.Metadata.Namespace, StringComparer.Ordinal).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal))
        {
            children.Add(Policy(pool, route));
        }

        return children;
    }

    private static EnvoyExtensionPolicy Policy(InferencePoolView pool, HttpRoute route)
    {
        var ns = route.Metadata.Namespace ?? pool.Namespace;
        var routeName = route.Metadata.Name ?? "";
        return new EnvoyExtensionPolicy
        {
            Metadata = ChildMetadata.For(pool, ChildNames.ExtensionPolicy(routeName, pool.Name), "epp-ext-proc", ns),
            Spec = new JsonObject
            {
                ["targetRefs"] = new JsonArray(new JsonObject { ["group"] = HttpRoute.Group, ["kind"] = "HTTPRoute", ["name"] = routeName }),
                ["extProc"] = new JsonArray(new JsonObject
                {
                    ["backendRefs"] = new JsonArray(new JsonObject
                    {
                        ["group"] = EnvoyGatewayBackend.EntityType.Group,
                        ["kind"] = EnvoyGatewayBackend.EntityType.Kind,
                        ["name"] = ChildNames.EnvoyGatewayBackend(pool.Name),
                    }),
                    ["backendSettings"] = new JsonObject
                    {
                        ["circuitBreaker"] = new JsonObject { ["maxConnections"] = 40000, ["maxPendingRequests"] = 40000, ["maxParallelRequests"] = 40000 },
                    },
                    ["processingMode"] = new JsonObject
                    {
                        ["request"] = new JsonObject { ["body"] = "FullDuplexStreamed" },
                        ["response"] = new JsonObject { ["body"] = "FullDuplexStreamed" },
                    },
                    ["messageTimeout"] = "1000s",
                    ["failOpen"] = false,
                    ["metadata"] = new JsonObject
                    {
                        ["accessibleNamespaces"] = new JsonArray(OperatorConstants.LbMetadataNamespace),
                        ["writableNamespaces"] = new JsonArray(OperatorConstants.LbMetadataNamespace),
                    },
                }),
            },
        };
    }

    private static EnvoyGatewayBackend Backend(InferencePoolView pool, PickerEndpoint picker, string ns)
    {
        var spec = new JsonObject
        {
            ["endpoints"] = new JsonArray(new JsonObject { ["fqdn"] = new JsonObject { ["hostname"] = picker.Fqdn, ["port"] = picker.Port } }),
        };
        switch (picker.Tls)
        {
            case PickerTls.Verified:
                spec["tls"] = new JsonObject
                {
                    ["caCertificateRefs"] = new JsonArray(new JsonObject { ["group"] = "", ["kind"] = "ConfigMap", ["name"] = ChildNames.CaBundle(pool.Name) }),
                };
                break;
            case PickerTls.Unverified:
                spec["tls"] = new JsonObject { ["insecureSkipVerify"] = true };
                break;
            case PickerTls.Plaintext:
                spec["appProtocols"] = new JsonArray("gateway.envoyproxy.io/h2c");
                break;
        }

        return new EnvoyGatewayBackend
        {
            Metadata = ChildMetadata.For(pool, ChildNames.EnvoyGatewayBackend(pool.Name), "epp-backend", ns),
            Spec = spec,
        };
    }
}
