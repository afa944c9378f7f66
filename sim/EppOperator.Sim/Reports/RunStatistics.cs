namespace EppOperator.Sim.Reports;

/// <summary>
/// Collects what clients observe (time to first token, gaps between tokens, end-to-end time, usage) for one run
/// and folds it into a <see cref="PolicyResult"/>. Used by the virtual benchmark and the HTTP load generator alike.
/// Not thread-safe: the load generator records under its own lock.
/// </summary>
internal sealed class RunStatistics
{
    private readonly List<double> _ttft = [];
    private readonly List<double> _e2e = [];
    private readonly LogHistogram _itl = new();
    private long _promptTokens;
    private long _cachedTokens;
    private long _outputTokens;
    private double _firstArrivalMs = double.MaxValue;
    private double _lastFinishMs;

    public int Errors { get; private set; }

    public int Completed => _e2e.Count;

    /// <summary>One gap between consecutive tokens of a measured response.</summary>
    public void RecordTokenGap(double ms) => _itl.Record(ms);

    public void RecordCompleted(double arrivalMs, double ttftMs, double e2eMs, int promptTokens, int cachedTokens, int outputTokens)
    {
        _ttft.Add(ttftMs);
        _e2e.Add(e2eMs);
        _promptTokens += promptTokens;
        _cachedTokens += cachedTokens;
        _outputTokens += outputTokens;
        _firstArrivalMs = Math.Min(_firstArrivalMs, arrivalMs);
        _lastFinishMs = Math.Max(_lastFinishMs, arrivalMs + e2eMs);
    }

    public void RecordError(double arrivalMs)
    {
        Errors++;
        _firstArrivalMs = Math.Min(_firstArrivalMs, arrivalMs);
    }

    /// <summary>Time-to-first-token samples, ascending (for CDF charts).</summary>
    public double[] SortedTtft()
    {
        var sorted = _ttft.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public PolicyResult ToResult(long preemptions)
    {
        var ttft = SortedTtft();
        var e2e = _e2e.ToArray();
        Array.Sort(e2e);
        var spanS = (_lastFinishMs - _firstArrivalMs) / 1000.0;
        return new PolicyResult(
            LatencySummary.FromSorted(ttft),
            LatencySummary.FromSorted(e2e),
            new ItlSummary(LatencySummary.Round(_itl.Mean), LatencySummary.Round(_itl.Percentile(95))),
            _promptTokens == 0 ? 0 : Math.Round((double)_cachedTokens / _promptTokens, 4),
            spanS <= 0 ? 0 : LatencySummary.Round(_outputTokens / spanS),
            _e2e.Count + Errors,
            Errors,
            preemptions);
    }
}
