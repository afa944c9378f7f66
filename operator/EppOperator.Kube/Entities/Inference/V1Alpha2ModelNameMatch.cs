using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>A model-name match; <c>Exact</c> is the only match type.</summary>
internal sealed class V1Alpha2ModelNameMatch : KubeModel
{
    [AllowedValues("Exact")]
    [DefaultValue("Exact")]
    public string? Type { get; set; }

    [Required]
    [MinLength(1)]
    public string Value { get; set; } = "";
}
