using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// A weighted rewrite destination. The weight is not a pointer upstream, so an omitted weight reads as 0;
/// "all or none weighted" has no CEL rule.
/// </summary>
internal sealed class V1Alpha2ModelRewriteTarget : KubeModel
{
    [Required]
    public string ModelRewrite { get; set; } = "";

    [Range(1, 1_000_000)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Weight { get; set; }
}
