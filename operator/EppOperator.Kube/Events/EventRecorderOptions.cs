namespace EppOperator.Kube.Events;

/// <summary>Who reports Events (shown as the source in <c>kubectl describe</c>).</summary>
internal sealed record EventRecorderOptions
{
    public string Component { get; init; } = "eppoperator";

    /// <summary>The reporting instance, usually the pod name.</summary>
    public string Instance { get; init; } = Environment.MachineName;

    /// <summary>Repeats of the same (object, type, reason, message) within this window bump a count instead of creating an Event (client-go: 10 min).</summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many distinct recent events are remembered for aggregation.</summary>
    public int CacheSize { get; init; } = 4096;
}
