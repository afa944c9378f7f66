using System.Text.Json.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>A port a container listens on.</summary>
internal sealed class ContainerPort : KubeModel
{
    public string? Name { get; set; }

    [JsonPropertyName("containerPort")]
    public int Port { get; set; }

    public string? Protocol { get; set; }
}
