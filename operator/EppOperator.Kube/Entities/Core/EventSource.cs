namespace EppOperator.Kube.Entities.Core;

/// <summary>Component that reported an Event.</summary>
internal sealed class EventSource : KubeModel
{
    public string? Component { get; set; }

    public string? Host { get; set; }
}
