using System.CommandLine;
using EppOperator.Sim.Live;
using EppOperator.Sim.Load;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Cli;

/// <summary>
/// <c>eppsim demo</c>: the product doing its job with real processes talking real protocols. The live bench runs
/// context-heavy and bursty-chat on simulated pods, through the gateway alone (round-robin) and through the gateway
/// calling the EPP over ext_proc (TLS); bursty-chat, with a quarter of its users sending sheddable traffic, also
/// through the EPP with flow control (epp+fc). Then it prints the comparison and where the reports are. Each
/// workload is compressed (time scale, duration) so the whole demo fits in about three minutes on two cores.
/// </summary>
internal static class DemoCommand
{
    public static readonly IReadOnlyList<DemoPart> Parts =
    [
        // Prefill-bound: compressing time keeps its shape, and 0.3 of the duration (24 s of model time) is enough for the
        // caches to matter while leaving bursty-chat room for its third policy within the three minutes.
        new("context-heavy", 0.5, 0.3, [LiveBenchOptions.RoundRobin, LiveBenchOptions.Epp]),

        // Six-fold bursts of long answers: real time keeps the burst's wall-clock rate within what two shared cores
        // can stream; two bursts are measured. The virtual flow-control benchmark's case: about a quarter sheddable.
        new("bursty-chat", 1.0, 0.25, LiveBenchOptions.KnownPolicies, SheddableShare: 0.25),
    ];

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the reports, charts and process logs", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "demo")) };
        var pods = new Option<int>("--pods") { Description = "Simulated model-server pods", DefaultValueFactory = _ => 4 };
        var transport = new Option<string>("--epp-transport") { Description = "ext_proc over tls (the product default) or h2c", DefaultValueFactory = _ => "tls" };
        var scale = new Option<double>("--duration-scale") { Description = "Multiply the demo's own workload durations (smaller is quicker and noisier)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("demo", "The one-command live demo: round-robin against EPP routing and flow control with real processes (about three minutes)")
        {
            output, pods, transport, scale,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(pods) is < 1 or > 64) return Fail("--pods must be within [1, 64]");
            if (parse.GetValue(transport) is not ("tls" or "h2c")) return Fail($"--epp-transport: '{parse.GetValue(transport)}' is not tls or h2c");
            if (parse.GetValue(scale) is <= 0 or > 10) return Fail("--duration-scale must be within (0, 10]");
            if (!File.Exists(Executables.EppDll)) return Fail($"the epp executable is missing beside eppsim ({Executables.EppDll}); build the solution first");

            var runs = new List<(WorkloadDefinition, LiveBenchOptions)>();
            foreach (var part in Parts)
            {
                runs.Add((WorkloadCatalog.TryResolve(part.Workload, out _)!, new LiveBenchOptions
                {
                    Pods = parse.GetValue(pods),
                    TimeScale = part.TimeScale,
                    DurationScale = part.DurationScale * parse.GetValue(scale),
                    EppTls = parse.GetValue(transport) == "tls",
                    Policies = part.Policies,
                    Sheddable = part.SheddableShare > 0 ? new SheddableTraffic(SheddableTraffic.DefaultObjective, part.SheddableShare) : null,
                }));
            }

            var directory = parse.GetValue(output)!;
            Console.WriteLine($"EppOperator demo: {string.Join(" and ", Parts.Select(c => c.Workload))} on {parse.GetValue(pods)} simulated pods (eppsim serve), each run through");
            Console.WriteLine($"eppsim gateway: alone (round-robin), then calling the EPP (epp, ext_proc over {parse.GetValue(transport)}); bursty-chat also through the EPP with");
            Console.WriteLine($"flow control (epp+fc), a quarter of its users marked sheddable. Progress below; reports in {directory.FullName}.");
            Console.WriteLine();
            var exit = await LiveBenchRun.RunAsync(runs, directory, Console.Out, Console.Out, cancellationToken);
            if (exit == 0)
            {
                Console.WriteLine($"Reports: {Path.Combine(directory.FullName, "summary.md")} and <workload>.md / .json there;");
                Console.WriteLine($"charts: <workload>-ttft-cdf.svg and <workload>-p95-vs-load.svg; process logs: {Path.Combine(directory.FullName, "logs")}.");
            }

            return exit;
        });
        return command;
    }

    private static int Fail(string message) => CommandExit.Fail("demo", message);
}
