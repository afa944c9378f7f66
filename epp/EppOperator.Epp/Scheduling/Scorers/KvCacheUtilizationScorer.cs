namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary><c>kv-cache-utilization-scorer</c>: 1 − KV-cache usage.</summary>
internal sealed class KvCacheUtilizationScorer(string name) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "kv-cache-utilization-scorer";

    public override string Type => TypeName;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        for (var j = 0; j < selection.Length; j++) scores[j] = 1 - cycle.MetricsAt(selection[j]).KvCacheUsage;
    }
}
