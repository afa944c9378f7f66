using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Bench;

/// <summary>A workload's report plus the headline TTFT samples per policy (for the CDF chart, not the JSON).</summary>
internal sealed record WorkloadResult(WorkloadReport Report, IReadOnlyDictionary<string, double[]> HeadlineTtftMs);
