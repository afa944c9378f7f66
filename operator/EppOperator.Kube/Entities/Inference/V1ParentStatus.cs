using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// The pool's status as seen by one parent. Condition types: <c>Accepted</c>, <c>ResolvedRefs</c>,
/// <c>Exported</c> (see <see cref="InferencePoolConditions"/>).
/// </summary>
internal sealed class V1ParentStatus : KubeModel
{
    [Required]
    public V1ParentReference ParentRef { get; set; } = new();

    /// <summary>Up to 8 conditions, unique by type.</summary>
    [MaxLength(8)]
    public List<Condition>? Conditions { get; set; }

    /// <summary>The controller that wrote this entry, as <c>DOMAIN/PATH</c>.</summary>
    public string? ControllerName { get; set; }
}
