using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Desired state of an InferenceObjective.</summary>
internal sealed class V1Alpha2InferenceObjectiveSpec : KubeModel
{
    /// <summary>
    /// Higher is served first; may be negative; unset is treated as 0. Fairness applies only within one
    /// priority.
    /// </summary>
    public int? Priority { get; set; }

    [Required]
    public PoolObjectReference PoolRef { get; set; } = new();
}
