using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// The pool an InferenceObjective or InferenceModelRewrite applies to, in the same namespace; the group
/// defaults to the v1 group.
/// </summary>
internal sealed class PoolObjectReference : KubeModel
{
    [DefaultValue(V1InferencePool.Group)]
    [MaxLength(253)]
    public string? Group { get; set; }

    [DefaultValue("InferencePool")]
    [MaxLength(63)]
    public string? Kind { get; set; }

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string Name { get; set; } = "";
}
