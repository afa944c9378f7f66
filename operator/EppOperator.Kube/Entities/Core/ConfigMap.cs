using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 ConfigMap.</summary>
internal sealed class ConfigMap : KubernetesObject, IKubernetesEntity<ConfigMap>
{
    public ConfigMap()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    public static JsonTypeInfo<ConfigMap> JsonTypeInfo => KubeJsonContext.Default.ConfigMap;

    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Base64-encoded values.</summary>
    public Dictionary<string, string>? BinaryData { get; set; }

    public bool? Immutable { get; set; }
}
