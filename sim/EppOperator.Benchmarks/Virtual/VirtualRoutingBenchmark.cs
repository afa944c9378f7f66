using System.Diagnostics;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Benchmarks.Virtual;

/// <summary>
/// The routing-quality benchmark in virtual time (<c>eppsim bench --mode virtual</c> with its defaults): every
/// built-in workload, every policy, 8 pods, the fixed seed. Writes each workload's JSON, markdown and charts next to
/// the other reports, plus <c>virtual.json</c> listing them. <c>--quick</c> runs a quarter of each workload at the
/// headline load only.
/// </summary>
internal sealed class VirtualRoutingBenchmark : IBenchmark
{
    public string Name => "virtual";

    public string Description => "routing quality of each policy on simulated fleets (virtual time, all workloads)";

    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = new BenchOptions
        {
            Loads = context.Quick ? [0.8] : [],
            DurationScale = context.Quick ? 0.25 : 1.0,
        };
        var bench = new VirtualBench(options, message => BenchContext.Progress("virtual: " + message));
        var clock = Stopwatch.StartNew();
        var files = new List<string>();
        var reports = new List<WorkloadReport>();
        foreach (var workload in WorkloadCatalog.BuiltIns())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = bench.Run(workload, PolicyCatalog.All);
            files.AddRange(BenchArtifacts.Write(context.OutputDirectory, result).Select(p => Path.GetFileName(p)));
            reports.Add(result.Report);
        }

        files.Add(Path.GetFileName(BenchArtifacts.WriteSummary(context.OutputDirectory, reports)));
        var path = context.WriteReport("virtual", new
        {
            pods = options.Pods,
            seed = options.Seed,
            quick = context.Quick,
            policies = PolicyCatalog.Names,
            workloads = reports.Select(r => new { workload = r.Workload, load = r.HeadlineLoad, rate_rps = r.HeadlineRateRps, capacity_rps = r.CapacityRps }),
            files,
            wall_seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
        BenchContext.Progress($"virtual: done in {clock.Elapsed.TotalSeconds:0.0}s; index {path}");
        return Task.CompletedTask;
    }
}
