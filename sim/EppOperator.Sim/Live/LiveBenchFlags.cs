using System.CommandLine;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Cli;
using EppOperator.Sim.Load;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Live;

/// <summary>The flags only <c>eppsim bench --mode live</c> reads, and the step from the bench's flags to a live run.</summary>
internal sealed class LiveBenchFlags
{
    public Option<double> TimeScale { get; } = new("--time-scale") { Description = "Live mode: the servers' time scale (0.25 = four times faster than real time)", DefaultValueFactory = _ => 0.25 };

    public Option<string> EppTransport { get; } = new("--epp-transport") { Description = "Live mode: ext_proc over tls (a private CA the gateway verifies; the product default) or h2c", DefaultValueFactory = _ => "tls" };

    public Option<string?> EppPath { get; } = new("--epp-path") { Description = "Live mode: the epp to start (a .dll runs through dotnet; default: the one built beside eppsim)" };

    public Option<string?> EppArgs { get; } = new("--epp-args") { Description = "Live mode: extra flags for epp, space-separated (e.g. \"--config-file scheduler.yaml\")" };

    public Option<int> MaxConcurrency { get; } = new("--max-concurrency") { Description = "Live mode: client requests in flight at most", DefaultValueFactory = _ => 2048 };

    public Option<double> SheddableShare { get; } = new("--sheddable-share")
    {
        Description = $"Live mode: share of each group's users whose requests name the objective '{SheddableTraffic.DefaultObjective}' (priority -1 under epp+fc); reports each priority class apart",
        DefaultValueFactory = _ => 0,
    };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[TimeScale, EppTransport, EppPath, EppArgs, MaxConcurrency, SheddableShare]) command.Options.Add(option);
    }

    /// <summary>Completes <paramref name="bench"/>'s settings with the live flags, validates them, and runs.</summary>
    public async Task<int> RunAsync(ParseResult parse, IReadOnlyList<WorkloadDefinition> workloads, BenchOptions bench, string policies, EngineOptions engine,
        DirectoryInfo output, CancellationToken cancellationToken)
    {
        if (parse.GetValue(TimeScale) is <= 0 or > 100) return Fail("--time-scale must be within (0, 100]");
        if (parse.GetValue(EppTransport) is not ("tls" or "h2c")) return Fail($"--epp-transport: '{parse.GetValue(EppTransport)}' is not tls or h2c");
        if (parse.GetValue(MaxConcurrency) < 1) return Fail("--max-concurrency must be at least 1");
        if (parse.GetValue(SheddableShare) is < 0 or > 1) return Fail("--sheddable-share must be within [0, 1]");
        var eppPath = parse.GetValue(EppPath) ?? Executables.EppDll;
        if (!File.Exists(eppPath)) return Fail($"--epp-path: '{eppPath}' does not exist (build the solution, or point at an epp build)");
        var selected = ResolvePolicies(policies, out var error);
        if (selected is null) return Fail(error!);

        var options = new LiveBenchOptions
        {
            Pods = bench.Pods,
            Seed = bench.Seed,
            Loads = bench.Loads,
            DurationScale = bench.DurationScale,
            Policies = selected,
            TimeScale = parse.GetValue(TimeScale),
            EppTls = parse.GetValue(EppTransport) == "tls",
            ProfileName = parse.GetValue(engine.Profile),
            ProfileOverride = engine.Overrides(parse),
            EngineArguments = EngineArguments(parse, engine),
            EppPath = eppPath,
            EppArguments = (parse.GetValue(EppArgs) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            MaxConcurrency = parse.GetValue(MaxConcurrency),
            Sheddable = parse.GetValue(SheddableShare) is > 0 and var share ? new SheddableTraffic(SheddableTraffic.DefaultObjective, share) : null,
        };
        return await LiveBenchRun.RunAsync(workloads, options, output, Console.Out, Console.Error, cancellationToken);
    }

    /// <summary><c>all</c> or a comma-separated subset of round-robin, epp and epp+fc, in that order.</summary>
    public static IReadOnlyList<string>? ResolvePolicies(string selection, out string? error)
    {
        error = null;
        if (selection == "all") return LiveBenchOptions.KnownPolicies;
        var names = selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.FirstOrDefault(n => !LiveBenchOptions.KnownPolicies.Contains(n)) is { } unknown)
        {
            error = $"--policies: live mode compares {string.Join(", ", LiveBenchOptions.KnownPolicies)}; '{unknown}' is not one of them";
            return null;
        }

        return [.. LiveBenchOptions.KnownPolicies.Where(names.Contains)];
    }

    // The engine flags given on the bench's command line, forwarded verbatim to every eppsim serve (the profile is
    // passed on its own).
    private static List<string> EngineArguments(ParseResult parse, EngineOptions engine)
    {
        var arguments = new List<string>();
        foreach (var property in typeof(EngineOptions).GetProperties())
        {
            if (property.GetValue(engine) is not Option option || option == engine.Profile) continue;
            if (parse.GetResult(option) is not { Implicit: false } result) continue;
            arguments.Add(option.Name);
            arguments.AddRange(result.Tokens.Select(t => t.Value));
        }

        return arguments;
    }

    private static int Fail(string message) => CommandExit.Fail("bench", message);
}
