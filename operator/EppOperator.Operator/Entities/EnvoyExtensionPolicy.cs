using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>
/// Envoy Gateway's <c>gateway.envoyproxy.io/v1alpha1</c> EnvoyExtensionPolicy: attaches an ext_proc filter to the
/// HTTPRoutes in <c>targetRefs</c>. The operator writes the spec whole, so it is kept as JSON.
/// </summary>
internal sealed class EnvoyExtensionPolicy : KubernetesObject, IKubernetesEntity<EnvoyExtensionPolicy>
{
    public EnvoyExtensionPolicy()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("gateway.envoyproxy.io", "v1alpha1", "EnvoyExtensionPolicy", "envoyextensionpolicies", Namespaced: true);

    public static JsonTypeInfo<EnvoyExtensionPolicy> JsonTypeInfo => OperatorJsonContext.Default.EnvoyExtensionPolicy;

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }
}
