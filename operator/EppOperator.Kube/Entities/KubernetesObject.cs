using System.Text.Json.Serialization;

namespace EppOperator.Kube.Entities;

/// <summary>Base of every typed resource: type identity and metadata, plus preserved unknown fields.</summary>
internal abstract class KubernetesObject : KubeModel, IKubernetesObject
{
    protected KubernetesObject(EntityType type)
    {
        ApiVersion = type.ApiVersion;
        Kind = type.Kind;
    }

    [JsonPropertyOrder(-3)]
    public string? ApiVersion { get; set; }

    [JsonPropertyOrder(-2)]
    public string? Kind { get; set; }

    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();

    public override string ToString() => $"{Kind}/{(Metadata.Namespace is { Length: > 0 } ns ? ns + "/" : "")}{Metadata.Name}";
}
