using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// The v1 pool's label selector: equality terms only, so it can be translated to a Service selector.
/// </summary>
internal sealed class V1PoolSelector : KubeModel
{
    /// <summary>Labels a pod must carry, all of them (1 to 64 entries; values at most 63 characters).</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(64)]
    public Dictionary<string, string> MatchLabels { get; set; } = [];
}
