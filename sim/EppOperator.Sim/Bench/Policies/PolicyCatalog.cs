using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The policies the virtual benchmark compares, in report order. The EPP policies run the real scheduler and join
/// this list once it is on the main branch.
/// </summary>
internal static class PolicyCatalog
{
    public static IReadOnlyList<BenchPolicy> All { get; } =
    [
        new("round-robin", "next pod in turn (a Kubernetes Service)",
            _ => new PolicyInstance(new RoundRobinScheduler(), [])),
        new("least-request", "fewest requests in flight from the proxy",
            env => new PolicyInstance(new LeastRequestScheduler(env.Random), [new InFlightHook()])),
        new("oracle", "lowest expected TTFT from the true engine state (upper bound)",
            env => new PolicyInstance(new OracleScheduler(env), [])),
        EppAdmissionPolicies.FlowControl,
    ];

    public static IReadOnlyList<string> Names => [.. All.Select(p => p.Name)];

    public static BenchPolicy? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
