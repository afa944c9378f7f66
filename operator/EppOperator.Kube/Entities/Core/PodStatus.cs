namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 PodStatus.</summary>
internal sealed class PodStatus : KubeModel
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    public string? PodIP { get; set; }

    public List<PodIP>? PodIPs { get; set; }

    public string? HostIP { get; set; }

    public List<PodCondition>? Conditions { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
