namespace EppOperator.Epp.Config;

/// <summary>
/// <c>saturationDetector</c>: which detector plugin to use (default <c>utilization-detector</c>). The thresholds are
/// the older inline form some releases accept; kept for the flow-control component that consumes them.
/// </summary>
internal sealed record SaturationDetectorConfig
{
    public string? PluginRef { get; init; }

    public int? QueueDepthThreshold { get; init; }

    public double? KvCacheUtilThreshold { get; init; }

    public TimeSpan? MetricsStalenessThreshold { get; init; }

    public ConfigMark Mark { get; init; }
}
