using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Reference to the pool's Endpoint Picker. For a Service (the default and only supported kind),
/// <see cref="Port"/> is required and is the Service port, not the target port; ExternalName Services must
/// not be supported.
/// </summary>
internal sealed class V1EndpointPickerRef : KubeModel
{
    /// <summary>API group of the referent; empty for the core group.</summary>
    [DefaultValue("")]
    [MaxLength(253)]
    public string? Group { get; set; }

    [DefaultValue("Service")]
    [MaxLength(63)]
    public string? Kind { get; set; }

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string Name { get; set; } = "";

    public V1Port? Port { get; set; }

    /// <summary>What the gateway does when the picker does not answer: <c>FailOpen</c> or <c>FailClose</c>.</summary>
    [AllowedValues(InferenceFailureMode.FailOpen, InferenceFailureMode.FailClose)]
    [DefaultValue(InferenceFailureMode.FailClose)]
    public string? FailureMode { get; set; }
}
