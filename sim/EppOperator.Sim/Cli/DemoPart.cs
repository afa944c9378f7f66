namespace EppOperator.Sim.Cli;

/// <summary>
/// One workload of the demo: how much faster than real time the pods run, how much of the workload is replayed,
/// which policies it compares, and what share of each group's users send sheddable traffic (0: none).
/// </summary>
internal sealed record DemoPart(string Workload, double TimeScale, double DurationScale, IReadOnlyList<string> Policies, double SheddableShare = 0);
