namespace EppOperator.Sim.Reports;

/// <summary>
/// The measured outcome of one policy on one workload run: the report's per-policy object. Latencies cover the
/// measured requests (arrived after warm-up) that completed; failed or unfinished ones count as errors.
/// </summary>
internal sealed record PolicyResult(
    LatencySummary TtftMs,
    LatencySummary E2eMs,
    ItlSummary ItlMs,
    double PrefixHitRate,
    double OutputTokensPerS,
    int Requests,
    int Errors,
    long Preemptions);
