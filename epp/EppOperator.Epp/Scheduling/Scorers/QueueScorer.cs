namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>queue-scorer</c>: waiting queue relative to the other candidates, (max − q) / (max − min), 1 for all when equal.
/// With <c>blendInFlight</c> the queue includes requests picked since the last scrape (<see cref="LoadSignals.PendingAt"/>).
/// </summary>
internal sealed class QueueScorer(string name, bool blendInFlight) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "queue-scorer";

    public override string Type => TypeName;

    public bool BlendInFlight { get; } = blendInFlight;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        for (var j = 0; j < selection.Length; j++) scores[j] = LoadSignals.QueueAt(cycle, selection[j], BlendInFlight);
        LoadSignals.ScoreRelativeToRange(scores[..selection.Length]);
    }
}
