using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Desired state of an InferenceModelRewrite.</summary>
internal sealed class V1Alpha2InferenceModelRewriteSpec : KubeModel
{
    [Required]
    public PoolObjectReference PoolRef { get; set; } = new();

    [Required]
    public List<V1Alpha2ModelRewriteRule> Rules { get; set; } = [];
}
