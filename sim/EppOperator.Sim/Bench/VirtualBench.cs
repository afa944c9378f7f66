using System.Diagnostics;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Bench;

/// <summary>
/// The virtual routing-quality benchmark: for each offered load of a workload, one plan of arrivals replayed by
/// every policy on its own simulated fleet. Policy runs are independent and single-threaded, so they run in
/// parallel and the result does not depend on the machine.
/// </summary>
internal sealed class VirtualBench(BenchOptions options, Action<string> progress)
{
    public WorkloadResult Run(WorkloadDefinition workload, IReadOnlyList<BenchPolicy> policies)
    {
        var baseProfile = EngineProfiles.Find(workload.Profile)
            ?? throw new ArgumentException($"workload {workload.Name}: unknown profile '{workload.Profile}'", nameof(workload));
        var profile = options.ProfileOverride?.Invoke(baseProfile) ?? baseProfile;
        var scaled = workload with
        {
            WarmupSeconds = workload.WarmupSeconds * options.DurationScale,
            DurationSeconds = workload.DurationSeconds * options.DurationScale,
        };
        var ideal = CapacityModel.RequestsPerSecondPerPod(workload, profile, options.Pods) * options.Pods;
        var capacity = CapacityProbe.MeasureRequestsPerSecond(scaled, profile, options);
        progress($"{workload.Name}: fleet capacity {capacity:0.0} req/s under round-robin (ideal prefix reuse: {ideal:0.0} req/s)");
        var loads = (options.Loads.Count > 0 ? options.Loads : workload.Loads).Append(workload.HeadlineLoad)
            .Distinct().Order().ToList();

        var sweep = new List<SweepPoint>();
        Dictionary<string, double[]>? headlineTtft = null;
        foreach (var load in loads)
        {
            var rate = load * capacity;
            var plan = WorkloadGenerator.Generate(scaled, options.Pods, load, rate, options.Seed);
            var requests = BenchRequest.Prepare(plan, profile.BlockSize);
            var outcomes = new RunOutcome[policies.Count];
            var clock = Stopwatch.StartNew();
            Parallel.For(0, policies.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, i =>
            {
                outcomes[i] = new VirtualFleetRun(requests, plan, profile, policies[i], options).Run();
            });

            var simulated = (double)requests.Length * policies.Count;
            progress($"{workload.Name} load {load:0.00} ({rate:0.0} req/s, {requests.Length} requests): "
                + $"{policies.Count} policies in {clock.Elapsed.TotalSeconds:0.0}s ({simulated / clock.Elapsed.TotalSeconds:0} simulated requests/s)");

            var results = new OrderedDictionary<string, PolicyResult>();
            for (var i = 0; i < policies.Count; i++) results.Add(policies[i].Name, outcomes[i].Result);
            sweep.Add(new SweepPoint(load, LatencySummary.Round(rate), requests.Length, results));
            if (load == workload.HeadlineLoad)
            {
                headlineTtft = [];
                for (var i = 0; i < policies.Count; i++) headlineTtft[policies[i].Name] = outcomes[i].SortedTtftMs;
            }
        }

        var headline = sweep.Single(p => p.Load == workload.HeadlineLoad);
        var report = new WorkloadReport(
            workload.Name, workload.Description, "virtual", profile.Name, options.Pods, options.Seed,
            options.ScrapeInterval.TotalMilliseconds, LatencySummary.Round(capacity), LatencySummary.Round(ideal), headline.Load, headline.RateRps,
            headline.Policies, sweep);
        return new WorkloadResult(report, headlineTtft!);
    }
}
