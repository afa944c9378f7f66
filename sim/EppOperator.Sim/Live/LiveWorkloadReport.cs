using EppOperator.Sim.Gateway;
using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Live;

/// <summary>
/// <c>&lt;workload&gt;.json</c> of a live run: the virtual bench's report fields (same names, same meaning, latencies in
/// model time) plus what only a live run has: the time compression, how ext_proc was transported, the EPP's own
/// overhead measured at the gateway (wall-clock milliseconds, per load and policy), which pod served how many
/// requests, and how long each run took. Machine-dependent, unlike the virtual report.
/// </summary>
internal sealed record LiveWorkloadReport(
    string Workload,
    string Description,
    string Mode,
    string Profile,
    int Pods,
    int Seed,
    double ScrapeIntervalMs,
    double CapacityRps,
    double IdealCapacityRps,
    double HeadlineLoad,
    double HeadlineRateRps,
    OrderedDictionary<string, PolicyResult> Policies,
    IReadOnlyList<SweepPoint> Sweep,
    double TimeScale,
    double DurationScale,
    string ExtProcTransport,
    IReadOnlyList<LiveRunRecord> Runs)
{
    /// <summary>The same content in the virtual bench's shape, for its markdown tables and charts.</summary>
    public WorkloadReport AsWorkloadReport() => new(Workload, Description, Mode, Profile, Pods, Seed, ScrapeIntervalMs, CapacityRps,
        IdealCapacityRps, HeadlineLoad, HeadlineRateRps, Policies, Sweep);
}
