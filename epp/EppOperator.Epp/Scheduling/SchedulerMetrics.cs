using System.Diagnostics;
using System.Diagnostics.Metrics;
using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// The scheduler's instruments on the shared <see cref="EppMeter"/>, named as the reference's Prometheus metrics.
/// One instance serves every scheduler built from reloaded configurations. Per-plugin timings are sampled (one
/// decision in <see cref="PluginSamplingInterval"/>) so the hot path does not pay two timestamps per plugin call.
/// </summary>
internal sealed class SchedulerMetrics
{
    public const string E2eDurationName = "inference_extension_scheduler_e2e_duration_seconds";
    public const string PluginDurationName = "inference_extension_plugin_duration_seconds";
    public const string PrefixHitRatioName = "inference_extension_prefix_indexer_hit_ratio";
    public const string PrefixSizeName = "inference_extension_prefix_indexer_size";
    public const string AttemptsName = "inference_extension_scheduler_attempts_total";

    /// <summary>Plugin timings are recorded for one decision in this many.</summary>
    public const int PluginSamplingInterval = 16;

    // Decisions take microseconds here, so the buckets start well below the reference's 0.1 ms.
    private static readonly double[] DurationBuckets =
        [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];

    private static readonly double[] RatioBuckets = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    private static readonly KeyValuePair<string, object?> Success = new("status", "success");
    private static readonly KeyValuePair<string, object?> Failure = new("status", "failure");

    private readonly Histogram<double> _e2eDuration;
    private readonly Histogram<double> _pluginDuration;
    private readonly Histogram<double> _prefixHitRatio;
    private readonly Counter<long> _attempts;
    private int _decisions;

    public SchedulerMetrics(EppMeter meter)
    {
        var m = meter.Meter;
        _e2eDuration = m.CreateHistogram(E2eDurationName, "s", "End-to-end scheduling latency (one decision).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _pluginDuration = m.CreateHistogram(PluginDurationName, "s", "Plugin processing latency, sampled.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _prefixHitRatio = m.CreateHistogram(PrefixHitRatioName, "1", "Share of the prompt's blocks found on the picked endpoint.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RatioBuckets });
        _attempts = m.CreateCounter<long>(AttemptsName, description: "Scheduling attempts by outcome.");
        m.CreateObservableGauge(PrefixSizeName, () => PrefixIndexSize?.Invoke() ?? 0L, description: "(block, endpoint) entries in the prefix index.");
    }

    /// <summary>Reads the live prefix index size; set by whoever owns the current scheduler.</summary>
    public Func<long>? PrefixIndexSize { get; set; }

    public void RecordDecision(long startTimestamp, bool succeeded)
    {
        if (_e2eDuration.Enabled) _e2eDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        _attempts.Add(1, succeeded ? Success : Failure);
    }

    /// <summary>True for one decision in <see cref="PluginSamplingInterval"/> while someone listens.</summary>
    public bool SamplePlugins()
    {
        if (!_pluginDuration.Enabled) return false;

        // A racy increment is fine: it only spreads the samples.
        return (++_decisions & (PluginSamplingInterval - 1)) == 0;
    }

    public void RecordPlugin(string extensionPoint, ISchedulingPlugin plugin, long startTimestamp)
    {
        _pluginDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("extension_point", extensionPoint),
            new KeyValuePair<string, object?>("plugin_type", plugin.Type),
            new KeyValuePair<string, object?>("plugin_name", plugin.Name));
    }

    public void RecordPrefixHitRatio(double ratio)
    {
        if (_prefixHitRatio.Enabled) _prefixHitRatio.Record(ratio);
    }
}
