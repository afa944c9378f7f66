using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Matches on the request body's <c>model</c>.</summary>
internal sealed class V1Alpha2ModelMatch : KubeModel
{
    [Required]
    public V1Alpha2ModelNameMatch Model { get; set; } = new();
}
