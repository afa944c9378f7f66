using EppOperator.Epp.Config;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The policies the virtual benchmark compares, in report order: what a proxy does without the EPP, the EPP's real
/// scheduler under four configurations and behind flow control, and the oracle as the reference point.
/// </summary>
internal static class PolicyCatalog
{
    public static IReadOnlyList<BenchPolicy> All { get; } =
    [
        new("round-robin", "next pod in turn (a Kubernetes Service)",
            _ => new PolicyInstance(new RoundRobinScheduler(), [])),
        new("least-request", "fewest requests in flight from the proxy",
            env => new PolicyInstance(new LeastRequestScheduler(env.Random), [new InFlightHook()])),
        EppPolicies.FromConfig("epp-gaie-default", "the EPP with the reference's defaults: prefix 3, queue 2, kv 2, no extensions",
            EppPolicies.GaieDefaultConfig),
        EppPolicies.FromConfig("epp-seed-332", "the EPP with the case study's first weights: prefix 3, queue 3, kv 2",
            EppPolicies.Weights(3, 3, 2)),
        EppPolicies.FromConfig("epp-seed-352", "the EPP with the case study's tuned weights: prefix 3, queue 5, kv 2",
            EppPolicies.Weights(3, 5, 2)),
        EppPolicies.FromConfig("epp", "the EPP as shipped: its default configuration with the project's extensions",
            SchedulerDefaults.ConfigText),
        EppAdmissionPolicies.FlowControl,
        new("oracle", "lowest expected TTFT plus a miss's prefill, from the true engine state (reference point)",
            env => new PolicyInstance(new OracleScheduler(env), [])),
    ];

    public static IReadOnlyList<string> Names => [.. All.Select(p => p.Name)];

    public static BenchPolicy? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
