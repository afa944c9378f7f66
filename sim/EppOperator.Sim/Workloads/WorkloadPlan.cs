namespace EppOperator.Sim.Workloads;

/// <summary>The concrete arrivals of one workload at one rate: identical for every policy that replays it.</summary>
internal sealed record WorkloadPlan(
    WorkloadDefinition Definition,
    int Pods,
    double Load,
    double RatePerSecond,
    int Seed,
    IReadOnlyList<PlannedRequest> Requests)
{
    public double EndSeconds => Definition.WarmupSeconds + Definition.DurationSeconds;
}
