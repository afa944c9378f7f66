using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>A port number, as used by <c>targetPorts</c> and <c>endpointPickerRef.port</c>.</summary>
internal sealed class V1Port : KubeModel
{
    [Required]
    [Range(1, 65535)]
    public int Number { get; set; }
}
