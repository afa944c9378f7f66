using System.Text.Json.Nodes;
using EppOperator.Epp.Requests;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// Envoy Gateway wiring, in the namespace of each HTTPRoute that sends traffic to the pool (policies attach only to
/// local routes): an EnvoyExtensionPolicy running ext_proc against the picker in FULL_DUPLEX_STREAMED mode with
/// <c>envoy.lb</c> metadata readable and writable, a Backend that reaches the picker by its Service FQDN and verifies
/// its certificate (needs Envoy Gateway's <c>enableBackend</c>), and the CA bundle the Backend trusts. Plain Envoy
/// Gateway cannot route an InferencePool backend, so the pool also gets a headless shadow Service: a route whose
/// backend is that Service gets, besides the picker, a BackendTrafficPolicy that sends each request to the endpoint
/// the picker chose (endpoint override from its header) with round robin as the fallback.
/// </summary>
/// <remarks>
/// Envoy Gateway rejects <c>failOpen: true</c> together with FULL_DUPLEX_STREAMED (its CEL rule), and the picker needs
/// that mode to answer after the body, so a FailOpen pool still fails closed here; the planner reports it.
/// </remarks>
internal static class EnvoyGatewayBuilder
{
    /// <param name="pool">The pool.</param>
    /// <param name="picker">How to reach the picker.</param>
    /// <param name="routes">Routes that get the picker (EnvoyExtensionPolicy).</param>
    /// <param name="shadowRoutes">Those of <paramref name="routes"/> whose backend is the shadow Service (they also get the endpoint override).</param>
    /// <param name="caPem">The operator CA certificate, when the picker's certificate is verified.</param>
    public static IReadOnlyList<IKubernetesObject> Build(InferencePoolView pool, PickerEndpoint picker, IReadOnlyList<HttpRoute> routes, IReadOnlyList<HttpRoute> shadowRoutes, string? caPem)
    {
        var children = new List<IKubernetesObject> { StandaloneEnvoyBuilder.ShadowService(pool) };
        foreach (var ns in routes.Select(r => r.Metadata.Namespace ?? pool.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            children.Add(Backend(pool, picker, ns));
            if (picker.Tls == PickerTls.Verified && caPem is not null) children.Add(CaBundle.ConfigMap(pool, ns, caPem));
        }

        foreach (var route in routes.OrderBy(r => r.Metadata.Namespace, StringComparer.Ordinal).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal))
        {
            children.Add(Policy(pool, route));
            if (shadowRoutes.Contains(route)) children.Add(EndpointOverride(pool, route));
        }

        return children;
    }

    // The picker replaces any client-sent value of this header (and fails closed here), so it cannot be forged.
    private static EnvoyGatewayBackendTrafficPolicy EndpointOverride(InferencePoolView pool, HttpRoute route) => new()
    {
        Metadata = ChildMetadata.For(pool, ChildNames.TrafficPolicy(route.Metadata.Name ?? "", pool.Name), "epp-endpoint-override", route.Metadata.Namespace ?? pool.Namespace),
        Spec = new JsonObject
        {
            ["targetRefs"] = new JsonArray(new JsonObject { ["group"] = HttpRoute.Group, ["kind"] = "HTTPRoute", ["name"] = route.Metadata.Name }),
            ["loadBalancer"] = new JsonObject
            {
                ["type"] = "RoundRobin",
                ["endpointOverride"] = new JsonObject
                {
                    ["extractFrom"] = new JsonArray(new JsonObject { ["header"] = RequestHeaderNames.DestinationEndpoint }),
                },
            },
        },
    };

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
                        ["accessibleNamespaces"] = new JsonArray(RequestHeaderNames.LbMetadataNamespace),
                        ["writableNamespaces"] = new JsonArray(RequestHeaderNames.LbMetadataNamespace),
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
