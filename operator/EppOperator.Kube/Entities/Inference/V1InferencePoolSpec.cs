using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>Desired state of a v1 InferencePool.</summary>
internal sealed class V1InferencePoolSpec : KubeModel
{
    /// <summary>Pods (same namespace only) that are members of the pool, matched by labels.</summary>
    [Required]
    public V1PoolSelector Selector { get; set; } = new();

    /// <summary>
    /// Ports the model servers listen on. Each pod IP and port pair is a separate endpoint; numbers must be
    /// unique (upstream CEL rule, not evaluated by the test fixture).
    /// </summary>
    [Required]
    [MinLength(1)]
    [MaxLength(8)]
    public List<V1Port> TargetPorts { get; set; } = [];

    /// <summary>Protocol the model servers speak on every target port: <c>http</c> or <c>kubernetes.io/h2c</c>.</summary>
    [AllowedValues("http", "kubernetes.io/h2c")]
    [DefaultValue("http")]
    public string? AppProtocol { get; set; }

    /// <summary>The Endpoint Picker serving this pool. Required in v1.5.0, optional on upstream main.</summary>
    public V1EndpointPickerRef? EndpointPickerRef { get; set; }
}
