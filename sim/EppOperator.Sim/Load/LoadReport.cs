using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Load;

/// <summary>
/// The load generator's JSON report: the same <c>policies</c> shape as the virtual benchmark (keyed by the run's
/// label), latencies in model time, plus the run's parameters and the per-pod request counts.
/// </summary>
internal sealed record LoadReport(
    string Workload,
    string Mode,
    string Url,
    int Pods,
    int Seed,
    double TimeScale,
    double OfferedLoad,
    double RateRps,
    int PlannedRequests,
    OrderedDictionary<string, PolicyResult> Policies,
    SortedDictionary<string, int> ServedBy);
