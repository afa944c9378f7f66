using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 Namespace.</summary>
internal sealed class Namespace : KubernetesObject, IKubernetesEntity<Namespace>
{
    public Namespace()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    public static JsonTypeInfo<Namespace> JsonTypeInfo => KubeJsonContext.Default.Namespace;

    public NamespaceSpec? Spec { get; set; }

    public JsonElement? Status { get; set; }
}
