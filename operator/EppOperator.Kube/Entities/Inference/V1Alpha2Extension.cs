using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>The v1alpha2 reference to the Endpoint Picker Service.</summary>
internal sealed class V1Alpha2Extension : KubeModel
{
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

    /// <summary>The Service port of the picker; unset means 9002 for a Service.</summary>
    [Range(1, 65535)]
    public int? PortNumber { get; set; }

    [AllowedValues(InferenceFailureMode.FailOpen, InferenceFailureMode.FailClose)]
    [DefaultValue(InferenceFailureMode.FailClose)]
    public string? FailureMode { get; set; }
}
