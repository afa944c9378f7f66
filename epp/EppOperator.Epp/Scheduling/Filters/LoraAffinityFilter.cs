namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>lora-affinity-filter</c>: prefers endpoints that have the target adapter loaded or loading ("affinity"); with
/// probability 1 − threshold (default 0.999) it takes endpoints with a free adapter slot instead, to spread adapters.
/// With only one group non-empty, that group; with neither, nothing (as the reference).
/// </summary>
internal sealed class LoraAffinityFilter(string name, double threshold) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "lora-affinity-filter";
    public const double DefaultThreshold = 0.999;

    public override string Type => TypeName;

    public double Threshold { get; } = threshold;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        var target = cycle.Request.TargetModel;
        var affinity = 0;
        var available = 0;
        foreach (var i in selection)
        {
            var m = cycle.MetricsAt(i);
            if (LoraAdapters.HasAffinity(m, target)) affinity++;
            else if (LoraAdapters.HasFreeSlot(m)) available++;
        }

        var useAffinity = affinity > 0 && (available == 0 || cycle.Random.NextDouble() < Threshold);
        return FilterSelection.Keep(selection, (cycle, target, useAffinity), static (s, i) =>
        {
            var m = s.cycle.MetricsAt(i);
            var hasAffinity = LoraAdapters.HasAffinity(m, s.target);
            return s.useAffinity ? hasAffinity : !hasAffinity && LoraAdapters.HasFreeSlot(m);
        });
    }
}
