using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Desired state of a v1alpha2 InferencePool.</summary>
internal sealed class V1Alpha2InferencePoolSpec : KubeModel
{
    /// <summary>Labels a member pod must carry, all of them (same namespace only).</summary>
    [Required]
    public Dictionary<string, string> Selector { get; set; } = [];

    /// <summary>The single port the model servers listen on.</summary>
    [Required]
    [Range(1, 65535)]
    public int TargetPortNumber { get; set; }

    [Required]
    public V1Alpha2Extension ExtensionRef { get; set; } = new();
}
