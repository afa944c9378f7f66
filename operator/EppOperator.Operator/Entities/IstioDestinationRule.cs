using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>Istio's <c>networking.istio.io/v1</c> DestinationRule: TLS settings for traffic to the picker Service.</summary>
internal sealed class IstioDestinationRule : KubernetesObject, IKubernetesEntity<IstioDestinationRule>
{
    public IstioDestinationRule()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("networking.istio.io", "v1", "DestinationRule", "destinationrules", Namespaced: true);

    public static JsonTypeInfo<IstioDestinationRule> JsonTypeInfo => OperatorJsonContext.Default.IstioDestinationRule;

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }
}
