using EppOperator.Epp.Config;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Tune;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Tune;

public class WeightTunerTests
{
    private static readonly string[] Scorers = ["prefix-cache-scorer", "queue-scorer", "kv-cache-utilization-scorer", "predicted-ttft-scorer"];

    [Test]
    public void Run_SmallGrid_RanksByTheObjectiveAndTheBestConfigBuildsInTheEpp()
    {
        var grid = WeightGrid.TryParse("prefix-cache-scorer=0,3;queue-scorer=1", Scorers, out _)!;
        var workload = WorkloadCatalog.TryResolve("context-heavy", out _)!;
        var objective = TuneObjective.Find("mean-ttft")!;

        var result = WeightTuner.Run(workload, 0.8, grid, objective, new BenchOptions { Pods = 4, Seed = 3, DurationScale = 0.25 }, _ => { });

        Assert.That(result.Ranked.Select(c => c.Weights.Label), Is.EquivalentTo(new[] { "queue=1", "prefix-cache=3,queue=1" }));
        Assert.That(result.Ranked.Select(c => objective.Of(c.Result)), Is.Ordered);
        Assert.That(result.Best.Weights.Label, Is.EqualTo("prefix-cache=3,queue=1"), "prefix affinity wins on shared contexts");
        var build = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1)).Build(result.Best.Weights.ToConfigYaml());
        Assert.That(build.Succeeded, Is.True, build.Diagnostics.Describe());
    }
}
