using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>HTTP GET probe.</summary>
internal sealed class HttpGetAction : KubeModel
{
    public string? Path { get; set; }

    public IntOrString Port { get; set; }

    public string? Scheme { get; set; }
}
