namespace EppOperator.Epp.Scheduling.Filters;

/// <summary><c>low-queue-filter</c>: keeps candidates whose waiting queue is at most the threshold (128).</summary>
internal sealed class LowQueueFilter(string name, int threshold) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "low-queue-filter";
    public const int DefaultThreshold = 128;

    public override string Type => TypeName;

    public int Threshold { get; } = threshold;

    public int Filter(SchedulingCycle cycle, Span<int> selection) =>
        FilterSelection.Keep(selection, (cycle, Threshold), static (s, i) => s.cycle.MetricsAt(i).WaitingQueueSize <= s.Threshold);
}
