using System.Text.Json.Serialization.Metadata;
using EppOperator.Operator.Serialization;

namespace EppOperator.Operator.Entities;

/// <summary>
/// Gateway API <c>gateway.networking.k8s.io/v1</c> HTTPRoute, read-only: the operator follows its parent Gateways
/// and its InferencePool backend references. Unmodelled fields are preserved but never written.
/// </summary>
internal sealed class HttpRoute : KubernetesObject, IKubernetesEntity<HttpRoute>
{
    public const string Group = "gateway.networking.k8s.io";

    public HttpRoute()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(Group, "v1", "HTTPRoute", "httproutes", Namespaced: true);

    public static JsonTypeInfo<HttpRoute> JsonTypeInfo => OperatorJsonContext.Default.HttpRoute;

    public HttpRouteSpec Spec { get; set; } = new();
}
