namespace EppOperator.Kube.Entities.Core;

/// <summary>Pod-level security settings.</summary>
internal sealed class PodSecurityContext : KubeModel
{
    public bool? RunAsNonRoot { get; set; }

    public long? RunAsUser { get; set; }

    public long? RunAsGroup { get; set; }

    public long? FsGroup { get; set; }

    public SeccompProfile? SeccompProfile { get; set; }
}
