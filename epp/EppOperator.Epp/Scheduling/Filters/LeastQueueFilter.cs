namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>least-queue-filter</c>: keeps candidates whose waiting queue is within the lowest 1/N of the range,
/// q ∈ [min, min + (max − min) / N] for N candidates.
/// </summary>
internal sealed class LeastQueueFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "least-queue-filter";

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (selection.IsEmpty) return 0;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var i in selection)
        {
            double q = cycle.MetricsAt(i).WaitingQueueSize;
            min = Math.Min(min, q);
            max = Math.Max(max, q);
        }

        var limit = min + ((max - min) / selection.Length);
        return FilterSelection.Keep(selection, (cycle, limit), static (s, i) => s.cycle.MetricsAt(i).WaitingQueueSize <= s.limit);
    }
}
