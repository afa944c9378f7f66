namespace EppOperator.Kube.Entities.Core;

/// <summary>Seccomp profile, usually <c>RuntimeDefault</c>.</summary>
internal sealed class SeccompProfile : KubeModel
{
    public string Type { get; set; } = "";

    public string? LocalhostProfile { get; set; }
}
