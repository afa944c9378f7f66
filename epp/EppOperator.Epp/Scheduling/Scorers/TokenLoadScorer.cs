namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>token-load-scorer</c>: 1 − min(t, T) / T over the estimated tokens in flight t (1 when idle); T defaults to
/// 4,194,304 (128 requests of 32K tokens), as the reference.
/// </summary>
internal sealed class TokenLoadScorer(string name, double queueThresholdTokens) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "token-load-scorer";
    public const double DefaultQueueThresholdTokens = 4_194_304;

    public override string Type => TypeName;

    public double QueueThresholdTokens { get; } = queueThresholdTokens;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        for (var j = 0; j < selection.Length; j++)
        {
            var tokens = cycle.InFlightTokensAt(selection[j]);
            scores[j] = tokens <= 0 ? 1 : 1 - (Math.Min(tokens, QueueThresholdTokens) / QueueThresholdTokens);
        }
    }
}
