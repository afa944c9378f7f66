using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Desired state of a v1alpha2 InferenceModel.</summary>
internal sealed class V1Alpha2InferenceModelSpec : KubeModel
{
    /// <summary>
    /// The name clients send in the request body's <c>model</c>. Immutable; unique per pool (the oldest
    /// object wins, later ones get <c>ModelNameInUse</c>).
    /// </summary>
    [Required]
    [MaxLength(256)]
    public string ModelName { get; set; } = "";

    /// <summary><c>Critical</c>, <c>Standard</c> or <c>Sheddable</c>; unset is treated as Standard by the EPP.</summary>
    [AllowedValues("Critical", "Standard", "Sheddable")]
    public string? Criticality { get; set; }

    /// <summary>Weighted models to send the traffic to; weights are all set or all unset.</summary>
    [MaxLength(10)]
    public List<V1Alpha2TargetModel>? TargetModels { get; set; }

    [Required]
    public V1Alpha2PoolObjectReference PoolRef { get; set; } = new();
}
