using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>One weighted destination model of a v1alpha2 InferenceModel.</summary>
internal sealed class V1Alpha2TargetModel : KubeModel
{
    [Required]
    [MaxLength(253)]
    public string Name { get; set; } = "";

    /// <summary>Share of traffic as weight / sum of weights.</summary>
    [Range(1, 1_000_000)]
    public int? Weight { get; set; }
}
