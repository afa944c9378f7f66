using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Bench;

/// <summary>The EPP's admission in the virtual fleet: flow control holds requests in virtual time, legacy admission sheds.</summary>
public class EppAdmissionPoliciesTests
{
    [Test]
    public void Run_BurstsWithSheddableTraffic_FlowControlServesPriorityFirstAndLosesNothing()
    {
        // Act
        var (roundRobin, flowControl, measured) = Run(EppAdmissionPolicies.FlowControl);

        // Assert
        var high = flowControl.Classes[0];
        var sheddable = flowControl.Classes[1];
        Assert.Multiple(() =>
        {
            Assert.That(flowControl.Result.Errors, Is.Zero);
            Assert.That(high.Result.Requests + sheddable.Result.Requests, Is.EqualTo(measured), "every measured request accounted once");
            Assert.That(sheddable.Refused, Is.Zero, "without a TTL nothing is dropped, sheddable requests only wait");
            Assert.That(high.Result.TtftMs.P95, Is.LessThan(roundRobin.Classes[0].Result.TtftMs.P95 * 0.8));
            Assert.That(sheddable.Result.TtftMs.P95, Is.GreaterThan(high.Result.TtftMs.P95), "sheddable traffic waits behind priority 0");
            Assert.That(flowControl.Completed, Is.EqualTo(roundRobin.Completed));
        });
    }

    [Test]
    public void Run_BurstsWithSheddableTraffic_LegacyAdmissionShedsOnlySheddableRequests()
    {
        // Act
        var (_, shedding, _) = Run(EppAdmissionPolicies.Shedding);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(shedding.Classes[0].Refused, Is.Zero);
            Assert.That(shedding.Classes[1].Refused, Is.Positive);
            Assert.That(shedding.Result.Errors, Is.EqualTo(shedding.Classes[1].Refused));
        });
    }

    [Test]
    public void Run_FlowControlTwice_SameResult()
    {
        var first = Run(EppAdmissionPolicies.FlowControl).Policy;
        var second = Run(EppAdmissionPolicies.FlowControl).Policy;

        Assert.That(second.Classes, Is.EqualTo(first.Classes));
    }

    [Test]
    public void Create_InvalidConfiguration_Throws()
    {
        var env = new PolicyEnvironment(TimeProvider.System, new Random(1), [], [], _ => throw new InvalidOperationException());

        Assert.That(
            () => EppAdmissionPolicies.Create(env, EppAdmissionPolicies.FlowControlConfigText + "flowControl: {maxRequests: -1}\n"),
            Throws.ArgumentException.With.Message.Contains("maxRequests must not be negative"));
    }

    private static (RunOutcome RoundRobin, RunOutcome Policy, int Measured) Run(BenchPolicy policy)
    {
        var workload = WorkloadCatalog.TryResolve("bursty-chat", out _)!;
        var scaled = workload with { WarmupSeconds = workload.WarmupSeconds * 0.25, DurationSeconds = workload.DurationSeconds * 0.25 };
        var profile = EngineProfiles.Find(workload.Profile)!;
        var options = new BenchOptions { Pods = 8, Seed = 7, PriorityOf = r => r.Group % 2 == 1 ? -1 : 0 };
        // The rate of the full benchmark's headline (0.8 of 166 req/s): a shortened run would probe a lower capacity.
        const double rate = 132;
        var plan = WorkloadGenerator.Generate(scaled, options.Pods, workload.HeadlineLoad, rate, options.Seed);
        var requests = BenchRequest.Prepare(plan, profile.BlockSize);
        var roundRobin = new VirtualFleetRun(requests, plan, profile, PolicyCatalog.Find("round-robin")!, options).Run();
        var outcome = new VirtualFleetRun(requests, plan, profile, policy, options).Run();
        return (roundRobin, outcome, requests.Count(r => r.Planned.Measured));
    }
}
