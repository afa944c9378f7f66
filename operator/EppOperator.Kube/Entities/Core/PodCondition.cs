using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>A pod condition such as <c>Ready</c> or <c>PodScheduled</c>.</summary>
internal sealed class PodCondition : KubeModel
{
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get; set; } = "Unknown";

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastProbeTime { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
