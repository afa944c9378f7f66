namespace EppOperator.Sim.Reports;

/// <summary>
/// <c>&lt;workload&gt;.json</c>: the headline comparison (<see cref="Policies"/>, at <see cref="HeadlineLoad"/>)
/// and the whole load sweep. Contains nothing that depends on the machine or the wall clock, so two runs with one
/// seed write identical bytes. <see cref="CapacityRps"/> is what the fleet completes under round-robin (offered
/// loads are fractions of it); <see cref="IdealCapacityRps"/> is the analytic rate with perfect prefix reuse.
/// </summary>
internal sealed record WorkloadReport(
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
    IReadOnlyList<SweepPoint> Sweep);
