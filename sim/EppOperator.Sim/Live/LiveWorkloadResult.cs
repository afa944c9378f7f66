namespace EppOperator.Sim.Live;

/// <summary>A live workload's report plus the headline TTFT samples per policy (for the CDF chart, not the JSON).</summary>
internal sealed record LiveWorkloadResult(LiveWorkloadReport Report, IReadOnlyDictionary<string, double[]> HeadlineTtftMs);
