namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>running-requests-size-scorer</c>: running requests relative to the other candidates, as the queue scorer; with
/// <c>blendInFlight</c> it adds requests picked since the last scrape.
/// </summary>
internal sealed class RunningRequestsScorer(string name, bool blendInFlight) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "running-requests-size-scorer";

    public override string Type => TypeName;

    public bool BlendInFlight { get; } = blendInFlight;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        for (var j = 0; j < selection.Length; j++)
        {
            var candidate = selection[j];
            scores[j] = cycle.MetricsAt(candidate).RunningRequests + (BlendInFlight ? LoadSignals.PendingAt(cycle, candidate) : 0);
        }

        LoadSignals.ScoreRelativeToRange(scores[..selection.Length]);
    }
}
