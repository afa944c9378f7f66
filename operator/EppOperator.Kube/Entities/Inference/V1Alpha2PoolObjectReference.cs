using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>An InferenceModel's pool, in the same namespace; the group defaults to the legacy group.</summary>
internal sealed class V1Alpha2PoolObjectReference : KubeModel
{
    [DefaultValue(V1Alpha2InferencePool.Group)]
    public string? Group { get; set; }

    [DefaultValue("InferencePool")]
    public string? Kind { get; set; }

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string Name { get; set; } = "";
}
