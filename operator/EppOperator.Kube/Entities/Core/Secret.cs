using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 Secret. <see cref="Data"/> values are base64 on the wire; <see cref="StringData"/> is write-only plain text.</summary>
internal sealed class Secret : KubernetesObject, IKubernetesEntity<Secret>
{
    public Secret()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "Secret", "secrets", Namespaced: true);

    public static JsonTypeInfo<Secret> JsonTypeInfo => KubeJsonContext.Default.Secret;

    public Dictionary<string, string>? Data { get; set; }

    public Dictionary<string, string>? StringData { get; set; }

    /// <summary>e.g. <c>kubernetes.io/tls</c> or <c>Opaque</c>.</summary>
    public string? Type { get; set; }

    public bool? Immutable { get; set; }
}
