namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>least-queue-filter</c>: keeps candidates whose waiting queue is within the lowest 1/N of the range,
/// q ∈ [min, min + (max − min) / N] for N candidates.
/// </summary>
internal sealed class LeastQueueFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "least-queue-filter";

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection) =>
        FilterSelection.KeepLowestSlice(cycle, selection, static m => m.WaitingQueueSize);
}
