using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Live;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Cli;

/// <summary><c>eppsim bench --mode virtual</c>: the routing-quality benchmark in virtual time.</summary>
internal static class BenchCommand
{
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var mode = new Option<string>("--mode") { Description = "virtual (in-process fleet in virtual time) or live (eppsim serve processes, epp and eppsim gateway)", DefaultValueFactory = _ => "virtual" };
        var workload = new Option<string>("--workload") { Description = $"all, a built-in ({string.Join(", ", WorkloadCatalog.BuiltInNames)}) or a workload YAML file", DefaultValueFactory = _ => "all" };
        var pods = new Option<int>("--pods") { Description = "Simulated model-server pods", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (same seed, same report)", DefaultValueFactory = _ => DefaultSeed };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the reports", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "bench")) };
        var policies = new Option<string>("--policies") { Description = $"Comma-separated policies (default all: {string.Join(", ", PolicyCatalog.Names)})", DefaultValueFactory = _ => "all" };
        var loads = new Option<string?>("--loads") { Description = "Comma-separated offered loads (fractions of nominal capacity) instead of the workload's sweep" };
        var durationScale = new Option<double>("--duration-scale") { Description = "Multiply each workload's warm-up and duration", DefaultValueFactory = _ => 1.0 };
        var parallel = new Option<int>("--parallel") { Description = "Policy runs in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var engine = new EngineOptions();

        var command = new Command("bench", "Compare routing policies on simulated fleets (virtual time, deterministic)")
        {
            mode, workload, pods, seed, output, policies, loads, durationScale, parallel,
        };
        engine.AddTo(command);
        var live = new LiveBenchFlags();
        live.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isLive = parse.GetValue(mode) == "live";
            if (!isLive && parse.GetValue(mode) != "virtual")
            {
                return Fail($"--mode: '{parse.GetValue(mode)}' is not 'virtual' or 'live'");
            }

            if (parse.GetValue(pods) is < 1 or > 1000) return Fail("--pods must be within [1, 1000]");
            if (parse.GetValue(durationScale) is <= 0 or > 100) return Fail("--duration-scale must be within (0, 100]");

            var workloads = ResolveWorkloads(parse.GetValue(workload)!, out var error);
            if (workloads is null) return Fail(error!);
            var selected = isLive ? [] : ResolvePolicies(parse.GetValue(policies)!, out error);
            if (selected is null) return Fail(error!);
            var loadList = ParseLoads(parse.GetValue(loads), out error);
            if (loadList is null) return Fail(error!);

            var profileName = parse.GetValue(engine.Profile);
            if (profileName is not null && EngineProfiles.Find(profileName) is null)
            {
                return Fail($"--profile: unknown profile '{profileName}'; known: {string.Join(", ", EngineProfiles.All.Select(p => p.Name))}");
            }

            var overrides = engine.Overrides(parse);
            var options = new BenchOptions
            {
                Pods = parse.GetValue(pods),
                Seed = parse.GetValue(seed),
                Loads = loadList,
                DurationScale = parse.GetValue(durationScale),
                Parallelism = Math.Max(1, parse.GetValue(parallel)),
                ProfileOverride = p => overrides(profileName is null ? p : EngineProfiles.Find(profileName)!),
            };
            foreach (var w in workloads)
            {
                if (options.ProfileOverride(EngineProfiles.Find(w.Profile) ?? EngineProfiles.H100Llama3_8B).Validate() is { } problem)
                {
                    return Fail($"engine flags: {problem}");
                }
            }

            if (isLive) return await live.RunAsync(parse, workloads, options, parse.GetValue(policies)!, engine, parse.GetValue(output)!, cancellationToken);
            return Run(workloads, selected, options, parse.GetValue(output)!);
        });
        return command;
    }

    public static int Run(IReadOnlyList<WorkloadDefinition> workloads, IReadOnlyList<BenchPolicy> policies, BenchOptions options, DirectoryInfo output)
    {
        var clock = Stopwatch.StartNew();
        var bench = new VirtualBench(options, message => Console.Error.WriteLine($"[bench] {message}"));
        var reports = new List<WorkloadReport>();
        foreach (var workload in workloads)
        {
            var result = bench.Run(workload, policies);
            reports.Add(result.Report);
            foreach (var path in BenchArtifacts.Write(output, result)) Console.Error.WriteLine($"[bench] wrote {path}");
            Console.WriteLine(MarkdownReport.Summary([result.Report]));
        }

        Console.Error.WriteLine($"[bench] wrote {BenchArtifacts.WriteSummary(output, reports)}");
        Console.Error.WriteLine($"[bench] done in {clock.Elapsed.TotalSeconds:0.0}s");
        return 0;
    }

    public static IReadOnlyList<WorkloadDefinition>? ResolveWorkloads(string selection, out string? error)
    {
        error = null;
        if (selection == "all") return WorkloadCatalog.BuiltIns();
        var result = new List<WorkloadDefinition>();
        foreach (var name in selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var definition = WorkloadCatalog.TryResolve(name, out var problem);
            if (definition is null)
            {
                error = "--workload: " + problem;
                return null;
            }

            result.Add(definition);
        }

        return result;
    }

    public static IReadOnlyList<BenchPolicy>? ResolvePolicies(string selection, out string? error)
    {
        error = null;
        if (selection == "all") return PolicyCatalog.All;
        var result = new List<BenchPolicy>();
        foreach (var name in selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var policy = PolicyCatalog.Find(name);
            if (policy is null)
            {
                error = $"--policies: unknown policy '{name}'; known: {string.Join(", ", PolicyCatalog.Names)}";
                return null;
            }

            result.Add(policy);
        }

        return result;
    }

    private static List<double>? ParseLoads(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return [];
        var result = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) || load <= 0 || load > 10)
            {
                error = $"--loads: '{part}' is not a load within (0, 10]";
                return null;
            }

            result.Add(load);
        }

        return result;
    }

    private static int Fail(string message) => CommandExit.Fail("bench", message);
}
