using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities;

/// <summary>
/// A meta/v1 status condition. <see cref="ObservedGeneration"/> below <c>metadata.generation</c> means the
/// condition is out of date; <see cref="Reason"/> is CamelCase and non-empty.
/// </summary>
internal sealed class Condition : KubeModel
{
    public string Type { get; set; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string Status { get; set; } = "Unknown";

    public long? ObservedGeneration { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; set; }

    public string Reason { get; set; } = "";

    public string Message { get; set; } = "";
}
