namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>predicted-ttft-scorer</c> (an extension): scores each candidate by the best estimated TTFT divided by its own
/// (<see cref="TtftModel"/>), so the fastest gets 1 and one twice as slow 0.5. One objective in seconds instead of a
/// hand-tuned sum of prefix, queue and KV terms; it needs the prefix producer for the cache term.
/// </summary>
internal sealed class PredictedTtftScorer(string name, TtftModel model) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "predicted-ttft-scorer";

    public override string Type => TypeName;

    public TtftModel Model { get; } = model;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        var best = double.PositiveInfinity;
        for (var j = 0; j < selection.Length; j++)
        {
            var ttft = Model.EstimateSeconds(cycle, selection[j]);
            scores[j] = ttft;
            if (ttft < best) best = ttft;
        }

        for (var j = 0; j < selection.Length; j++) scores[j] = scores[j] > 0 ? best / scores[j] : 1;
    }
}
