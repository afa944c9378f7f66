using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>A v1alpha2 pool's status as seen by one gateway.</summary>
internal sealed class V1Alpha2PoolStatus : KubeModel
{
    [Required]
    public ObjectReference ParentRef { get; set; } = new();

    [MaxLength(8)]
    public List<Condition>? Conditions { get; set; }
}
