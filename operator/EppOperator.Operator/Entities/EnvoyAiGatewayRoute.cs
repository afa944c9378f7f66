using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>
/// Envoy AI Gateway's <c>aigateway.envoyproxy.io/v1alpha1</c> AIGatewayRoute. The operator never reads or writes it;
/// its presence tells that Envoy Gateway routes InferencePool backends itself (calling the picker named by the pool).
/// </summary>
internal sealed class EnvoyAiGatewayRoute : KubernetesObject, IKubernetesEntity<EnvoyAiGatewayRoute>
{
    public EnvoyAiGatewayRoute()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("aigateway.envoyproxy.io", "v1alpha1", "AIGatewayRoute", "aigatewayroutes", Namespaced: true);

    public static JsonTypeInfo<EnvoyAiGatewayRoute> JsonTypeInfo => OperatorJsonContext.Default.EnvoyAiGatewayRoute;

    public JsonObject? Spec { get; set; }
}
