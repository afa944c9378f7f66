namespace EppOperator.Kube.Entities.Core;

/// <summary>Where a volume appears in a container.</summary>
internal sealed class VolumeMount : KubeModel
{
    public string Name { get; set; } = "";

    public string MountPath { get; set; } = "";

    public bool? ReadOnly { get; set; }

    public string? SubPath { get; set; }
}
