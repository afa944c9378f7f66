namespace EppOperator.Kube.Entities.Core;

/// <summary>Mounts the keys of a Secret as files.</summary>
internal sealed class SecretVolumeSource : KubeModel
{
    public string? SecretName { get; set; }

    public int? DefaultMode { get; set; }

    public bool? Optional { get; set; }
}
