using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>
/// Envoy Gateway's <c>gateway.envoyproxy.io/v1alpha1</c> BackendTrafficPolicy: here, the load balancer of a route
/// whose backend is a pool's shadow Service — endpoint override from the picker's header, round robin as fallback.
/// </summary>
internal sealed class EnvoyGatewayBackendTrafficPolicy : KubernetesObject, IKubernetesEntity<EnvoyGatewayBackendTrafficPolicy>
{
    public EnvoyGatewayBackendTrafficPolicy()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("gateway.envoyproxy.io", "v1alpha1", "BackendTrafficPolicy", "backendtrafficpolicies", Namespaced: true);

    public static JsonTypeInfo<EnvoyGatewayBackendTrafficPolicy> JsonTypeInfo => OperatorJsonContext.Default.EnvoyGatewayBackendTrafficPolicy;

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }
}
