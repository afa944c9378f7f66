namespace EppOperator.Kube.Entities.Core;

/// <summary>One of the pod's addresses (dual-stack pods have two).</summary>
internal sealed class PodIP : KubeModel
{
    public string? Ip { get; set; }
}
