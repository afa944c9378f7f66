using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>One rewrite rule: any of <see cref="Matches"/> (none = every model) goes to the weighted targets.</summary>
internal sealed class V1Alpha2ModelRewriteRule : KubeModel
{
    public List<V1Alpha2ModelMatch>? Matches { get; set; }

    [Required]
    [MinLength(1)]
    public List<V1Alpha2ModelRewriteTarget> Targets { get; set; } = [];
}
