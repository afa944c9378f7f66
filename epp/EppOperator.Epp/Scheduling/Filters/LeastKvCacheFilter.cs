namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>least-kv-cache-filter</c>: keeps candidates whose KV-cache usage is within the lowest 1/N of the range,
/// kv ∈ [min, min + (max − min) / N] for N candidates.
/// </summary>
internal sealed class LeastKvCacheFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "least-kv-cache-filter";

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection) =>
        FilterSelection.KeepLowestSlice(cycle, selection, static m => m.KvCacheUsage);
}
