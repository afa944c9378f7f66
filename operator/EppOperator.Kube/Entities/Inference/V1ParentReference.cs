using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Identifies a pool's parent, by default a Gateway in the pool's namespace.</summary>
internal sealed class V1ParentReference : KubeModel
{
    [DefaultValue("gateway.networking.k8s.io")]
    public string? Group { get; set; }

    [DefaultValue("Gateway")]
    public string? Kind { get; set; }

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string Name { get; set; } = "";

    /// <summary>Unset means the pool's namespace.</summary>
    public string? Namespace { get; set; }
}
