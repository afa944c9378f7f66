using System.Diagnostics;
using System.Globalization;
using System.Text;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Workloads;

namespace EppOperator.Benchmarks.FlowControl;

/// <summary>
/// Flow control on and off, in virtual time: bursty-chat at its headline load on 8 simulated pods, with none, one or
/// two of its four user groups sending sheddable traffic (priority −1; the rest priority 0), replayed by round-robin,
/// the EPP with legacy admission (<c>epp+shed</c>) and the EPP behind flow control (<c>epp+fc</c>), both with the
/// reference's default configuration. Reports the P95 TTFT of priority ≥ 0 traffic, the fraction of sheddable
/// traffic refused and output throughput, against round-robin. Deterministic: virtual time, fixed seed.
/// </summary>
internal sealed class FlowControlBenchmark : IBenchmark
{
    private const string WorkloadName = "bursty-chat";

    public string Name => "flowcontrol";

    public string Description => "flow control on vs off on bursty-chat with sheddable traffic (virtual time)";

    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var workload = WorkloadCatalog.BuiltIns().Single(w => w.Name == WorkloadName);
        var scale = context.Quick ? 0.25 : 1.0;
        var scaled = workload with { WarmupSeconds = workload.WarmupSeconds * scale, DurationSeconds = workload.DurationSeconds * scale };
        var profile = EngineProfiles.Find(workload.Profile)!;
        var options = new BenchOptions();
        var capacity = CapacityProbe.MeasureRequestsPerSecond(scaled, profile, options);
        var rate = workload.HeadlineLoad * capacity;
        var plan = WorkloadGenerator.Generate(scaled, options.Pods, workload.HeadlineLoad, rate, options.Seed);
        var requests = BenchRequest.Prepare(plan, profile.BlockSize);
        var groups = workload.GroupsFor(options.Pods);
        BenchPolicy[] policies = [PolicyCatalog.Find("round-robin")!, EppAdmissionPolicies.Shedding, EppAdmissionPolicies.FlowControl];

        var rows = new List<FlowControlRow>();
        foreach (var sheddableGroups in new[] { 0, 1, 2 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = options with { PriorityOf = r => r.Group >= groups - sheddableGroups ? -1 : 0 };
            var outcomes = new RunOutcome[policies.Length];
            Parallel.For(0, policies.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                outcomes[i] = new VirtualFleetRun(requests, plan, profile, policies[i], run).Run());
            var share = requests.Count(r => r.Planned.Measured && run.PriorityOf(r.Planned) < 0) / (double)requests.Count(r => r.Planned.Measured);
            var baseline = outcomes[0];
            for (var i = 0; i < policies.Length; i++)
            {
                var row = FlowControlRow.From(policies[i].Name, share, outcomes[i], baseline);
                rows.Add(row);
                BenchContext.Progress($"flowcontrol: {row}");
            }
        }

        var configText = EppAdmissionPolicies.FlowControlConfigText;
        var markdown = Markdown(rows, scaled, options, rate, capacity);
        context.OutputDirectory.Create();
        File.WriteAllText(Path.Combine(context.OutputDirectory.FullName, "flowcontrol.md"), markdown);
        var path = context.WriteReport("flowcontrol", new
        {
            workload = WorkloadName,
            quick = context.Quick,
            pods = options.Pods,
            seed = options.Seed,
            scrape_interval_ms = options.ScrapeInterval.TotalMilliseconds,
            load = workload.HeadlineLoad,
            rate_rps = Math.Round(rate, 1),
            capacity_rps = Math.Round(capacity, 1),
            epp_fc_config = configText,
            rows,
            wall_seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
        BenchContext.Progress($"flowcontrol: done in {clock.Elapsed.TotalSeconds:0.0}s; report {path}");
        return Task.CompletedTask;
    }

    private static string Markdown(List<FlowControlRow> rows, WorkloadDefinition workload, BenchOptions options, double rate, double capacity)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Flow control on vs off: {workload.Name} (virtual)\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{options.Pods} pods, seed {options.Seed}, load {workload.HeadlineLoad:0.##} of the round-robin capacity ({rate:0.#} of {capacity:0.#} req/s), ");
        md.Append("EPP policies with the reference's default configuration (prefix 3, queue 2, KV 2; utilization detector Q = 5, KV = 0.8; ");
        md.Append("`epp+fc` adds only `featureGates: [flowControl]`). Sheddable traffic is priority -1, the rest priority 0.\n\n");
        md.Append("| sheddable share | policy | P95 TTFT p>=0 (ms) | vs RR | P50 TTFT p>=0 (ms) | P95 TTFT sheddable (ms) | sheddable refused | output tok/s | vs RR |\n");
        md.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {r.SheddableShare:P0} | {r.Policy} | {r.P95TtftMs:0.0} | {r.P95VsRoundRobin:+0.0%;-0.0%;0.0%} | {r.P50TtftMs:0.0} | {r.SheddableP95TtftMs:0.0} | {r.SheddableRefused:P1} | {r.OutputTokensPerS:0} | {r.ThroughputVsRoundRobin:+0.0%;-0.0%;0.0%} |\n");
        }

        return md.ToString();
    }
}
