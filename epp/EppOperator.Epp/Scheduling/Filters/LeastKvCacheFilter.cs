namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>least-kv-cache-filter</c>: keeps candidates whose KV-cache usage is within the lowest 1/N of the range,
/// kv ∈ [min, min + (max − min) / N] for N candidates.
/// </summary>
internal sealed class LeastKvCacheFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "least-kv-cache-filter";

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (selection.IsEmpty) return 0;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var i in selection)
        {
            var kv = cycle.MetricsAt(i).KvCacheUsage;
            min = Math.Min(min, kv);
            max = Math.Max(max, kv);
        }

        var limit = min + ((max - min) / selection.Length);
        return FilterSelection.Keep(selection, (cycle, limit), static (s, i) => s.cycle.MetricsAt(i).KvCacheUsage <= s.limit);
    }
}
