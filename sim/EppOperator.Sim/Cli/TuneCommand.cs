using System.CommandLine;
using System.Globalization;
using System.Text;
using EppOperator.Epp.Config;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Tune;
using EppOperator.Sim.Workloads;
using static System.FormattableString;

namespace EppOperator.Sim.Cli;

/// <summary><c>eppsim tune</c>: grid search of scorer weights for a workload in virtual mode.</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var workload = new Option<string>("--workload") { Description = $"A built-in ({string.Join(", ", WorkloadCatalog.BuiltInNames)}) or a workload YAML file", DefaultValueFactory = _ => "context-heavy" };
        var pods = new Option<int>("--pods") { Description = "Simulated pods", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of the plan and the simulation", DefaultValueFactory = _ => BenchCommand.DefaultSeed };
        var load = new Option<double>("--load") { Description = "Offered load (fraction of the fleet capacity under round-robin)", DefaultValueFactory = _ => 0.8 };
        var grid = new Option<string>("--grid") { Description = "scorer-type=w1,w2;... (weight 0 leaves the scorer out)", DefaultValueFactory = _ => WeightGrid.Default };
        var objective = new Option<string>("--objective") { Description = $"What to minimise: {string.Join(", ", TuneObjective.All.Select(o => o.Name))}", DefaultValueFactory = _ => "p95-ttft" };
        var durationScale = new Option<double>("--duration-scale") { Description = "Multiply the workload's warm-up and duration (shorter runs rank less reliably)", DefaultValueFactory = _ => 1.0 };
        var top = new Option<int>("--top") { Description = "Candidates to list", DefaultValueFactory = _ => 10 };
        var parallel = new Option<int>("--parallel") { Description = "Runs in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the best EndpointPickerConfig to this file" };

        var command = new Command("tune", "Search scorer weights for a workload in virtual time and print the best EndpointPickerConfig")
        {
            workload, pods, seed, load, grid, objective, durationScale, top, parallel, output,
        };
        command.SetAction(parse =>
        {
            var definition = WorkloadCatalog.TryResolve(parse.GetValue(workload)!, out var error);
            if (definition is null) return Fail("--workload: " + error);
            if (parse.GetValue(pods) is < 1 or > 1000) return Fail("--pods must be within [1, 1000]");
            if (parse.GetValue(load) is <= 0 or > 10) return Fail("--load must be within (0, 10]");
            if (parse.GetValue(durationScale) is <= 0 or > 100) return Fail("--duration-scale must be within (0, 100]");
            if (parse.GetValue(top) < 1) return Fail("--top must be at least 1");
            var goal = TuneObjective.Find(parse.GetValue(objective)!);
            if (goal is null) return Fail($"--objective: unknown '{parse.GetValue(objective)}'; known: {string.Join(", ", TuneObjective.All.Select(o => o.Name))}");
            var scorers = PluginRegistry.CreateDefault().Types.Where(t => t.EndsWith("-scorer", StringComparison.Ordinal)).ToList();
            var points = WeightGrid.TryParse(parse.GetValue(grid)!, scorers, out error);
            if (points is null) return Fail("--grid: " + error);
            if (EngineProfiles.Find(definition.Profile) is null) return Fail($"--workload: unknown profile '{definition.Profile}'");

            var options = new BenchOptions
            {
                Pods = parse.GetValue(pods),
                Seed = parse.GetValue(seed),
                DurationScale = parse.GetValue(durationScale),
                Parallelism = Math.Max(1, parse.GetValue(parallel)),
            };
            Console.Error.WriteLine($"[tune] {definition.Name}: {points.Count} weight combinations at load {parse.GetValue(load):0.##}, objective {goal.Name}");
            var result = WeightTuner.Run(definition, parse.GetValue(load), points, goal, options, m => Console.Error.WriteLine("[tune] " + m));

            Console.WriteLine(Table(result, goal, parse.GetValue(top)));
            var yaml = Header(result, goal, definition.Name, options) + result.Best.Weights.ToConfigYaml();
            Console.WriteLine(yaml);
            if (parse.GetValue(output) is { } file)
            {
                file.Directory?.Create();
                File.WriteAllText(file.FullName, yaml);
                Console.Error.WriteLine($"[tune] wrote {file.FullName}");
            }

            return 0;
        });
        return command;
    }

    private static string Table(TuneResult result, TuneObjective goal, int top)
    {
        var md = new StringBuilder();
        md.Append(Invariant($"| rank | weights | {goal.Name} | TTFT mean | TTFT p95 | prefix hit | errors |\n|---:|---|---:|---:|---:|---:|---:|\n"));
        foreach (var (candidate, rank) in result.Ranked.Take(top).Select((c, i) => (c, i + 1)))
        {
            Row(md, rank.ToString(CultureInfo.InvariantCulture), candidate.Weights.Label, candidate.Result, goal);
        }

        Row(md, "–", "epp (shipped default)", result.Baseline, goal);
        return md.ToString();
    }

    private static void Row(StringBuilder md, string rank, string label, PolicyResult r, TuneObjective goal) =>
        md.Append(Invariant($"| {rank} | {label} | {goal.Of(r):0.0} | {r.TtftMs.Mean:0.0} | {r.TtftMs.P95:0.0} | {r.PrefixHitRate:P1} | {r.Errors} |\n"));

    private static string Header(TuneResult result, TuneObjective goal, string workload, BenchOptions options)
    {
        var best = result.Best.Result;
        return Invariant($"# eppsim tune: workload {workload}, {options.Pods} pods, load {result.Report.HeadlineLoad:0.##} ({result.Report.HeadlineRateRps:0.#} req/s), seed {options.Seed}\n")
            + Invariant($"# best {goal.Name} {goal.Of(best):0.0} ms (TTFT mean {best.TtftMs.Mean:0.0} ms, prefix hit {best.PrefixHitRate:P1}); shipped default: {goal.Of(result.Baseline):0.0} ms\n")
            + (goal.Of(best) < goal.Of(result.Baseline)
                ? ""
                : "# no combination of this grid beats the shipped default; keeping the default configuration is as good\n");
    }

    private static int Fail(string message) => CommandExit.Fail("tune", message);
}
