using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Observed state of a v1 pool, one entry per parent (usually a Gateway). The list is atomic.</summary>
internal sealed class V1InferencePoolStatus : KubeModel
{
    /// <summary>At most 32 parents. Each controller edits only its own entries and keeps the others.</summary>
    [MaxLength(32)]
    public List<V1ParentStatus>? Parents { get; set; }
}
