using System.Text.Json;

namespace EppOperator.Kube.Serialization;

/// <summary>One line of a watch stream: <c>{"type": ..., "object": ...}</c> with the object still as JSON.</summary>
internal sealed class RawWatchEvent
{
    public string? Type { get; set; }

    public JsonElement Object { get; set; }
}
