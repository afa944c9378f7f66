namespace EppOperator.Kube.Entities.Core;

/// <summary>Mounts the keys of a ConfigMap as files.</summary>
internal sealed class ConfigMapVolumeSource : KubeModel
{
    public string? Name { get; set; }

    public int? DefaultMode { get; set; }

    public bool? Optional { get; set; }
}
