namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// A latency-unit estimate of time to first token on a candidate:
/// overhead + queued requests ÷ drain rate + uncached prompt tokens ÷ prefill rate. The uncached tokens come from
/// the prefix match, the queue from the scrape (plus picks since, when blending). Defaults describe an 8B model on
/// an H100 with the reference simulator's "balanced" profile: 30 ms overhead, 0.25 ms per prompt token, about four
/// requests a second leaving the queue.
/// </summary>
internal sealed record TtftModel
{
    public double OverheadSeconds { get; init; } = 0.030;

    public double PrefillTokensPerSecond { get; init; } = 4_000;

    public double QueueDrainRequestsPerSecond { get; init; } = 4;

    public bool BlendInFlight { get; init; } = true;

    public double EstimateSeconds(SchedulingCycle cycle, int candidate)
    {
        double promptTokens = cycle.Request.EstimatedInputTokens;
        var cached = (double)cycle.PrefixMatchedBlocks[candidate] * cycle.PrefixBlockSizeTokens;
        var uncached = Math.Max(0, promptTokens - cached);
        var queued = LoadSignals.QueueAt(cycle, candidate, BlendInFlight);
        return OverheadSeconds + (queued / QueueDrainRequestsPerSecond) + (uncached / PrefillTokensPerSecond);
    }
}
