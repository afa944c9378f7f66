using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>
/// Envoy Gateway's <c>gateway.envoyproxy.io/v1alpha1</c> Backend: an upstream by FQDN with its TLS settings, used
/// as the ext_proc backend so the gateway verifies the picker's certificate against the operator's CA.
/// </summary>
internal sealed class EnvoyGatewayBackend : KubernetesObject, IKubernetesEntity<EnvoyGatewayBackend>
{
    public EnvoyGatewayBackend()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("gateway.envoyproxy.io", "v1alpha1", "Backend", "backends", Namespaced: true);

    public static JsonTypeInfo<EnvoyGatewayBackend> JsonTypeInfo => OperatorJsonContext.Default.EnvoyGatewayBackend;

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }
}
