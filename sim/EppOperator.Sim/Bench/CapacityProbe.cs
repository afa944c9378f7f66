using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Bench;

/// <summary>
/// Measures the fleet capacity that offered loads are expressed against: the request rate the fleet sustains under
/// round-robin (what a Kubernetes Service gives). A probe replays the workload at a rate and divides the requests
/// by the time until the last one completes: an overloaded fleet drains at its service rate, an underloaded one
/// keeps up with the offer. The first probe offers the ideal rate of <see cref="CapacityModel"/> (perfect prefix
/// reuse, an upper bound); the second offers a little more than the first measurement, so the fleet is measured
/// just past saturation, where its caches behave as they do under a realistic load. "Load 0.8" is then a fleet
/// provisioned with 20% headroom for the load balancer it has today.
/// </summary>
internal static class CapacityProbe
{
    private const double Overshoot = 1.2;

    public static double MeasureRequestsPerSecond(WorkloadDefinition scaled, EngineProfile profile, BenchOptions options)
    {
        var ideal = CapacityModel.RequestsPerSecondPerPod(scaled, profile, options.Pods) * options.Pods;
        var first = Probe(scaled, profile, options, ideal);
        return first >= ideal * 0.97 ? ideal : Math.Min(ideal, Probe(scaled, profile, options, first * Overshoot));
    }

    private static double Probe(WorkloadDefinition scaled, EngineProfile profile, BenchOptions options, double rate)
    {
        var plan = WorkloadGenerator.Generate(scaled, options.Pods, load: 1.0, rate, options.Seed);
        var requests = BenchRequest.Prepare(plan, profile.BlockSize);
        var roundRobin = PolicyCatalog.All.Single(p => p.Name == "round-robin");
        var outcome = new VirtualFleetRun(requests, plan, profile, roundRobin, options).Run();
        var makespan = outcome.LastCompletionSeconds - (requests.Length == 0 ? 0 : requests[0].Planned.ArrivalSeconds);
        return makespan <= 0 ? rate : Math.Min(rate, outcome.Completed / makespan);
    }
}
