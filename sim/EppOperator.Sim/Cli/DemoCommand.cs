using System.CommandLine;
using EppOperator.Sim.Live;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Cli;

/// <summary>
/// <c>eppsim demo</c>: the product doing its job with real processes talking real protocols. The live bench runs
/// context-heavy and bursty-chat on simulated pods, once through the gateway alone (round-robin) and once through
/// the gateway calling the EPP over ext_proc (TLS), then prints the comparison and where the reports are. Each
/// workload is compressed (time scale, duration) so the whole demo fits in about three minutes on two cores.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Per workload: how much faster than real time the pods run, and how much of the workload is replayed.</summary>
    public static readonly IReadOnlyList<(string Workload, double TimeScale, double DurationScale)> Compression =
    [
        // Prefill-bound: compressing time keeps its shape, and half the duration is enough for the caches to matter.
        ("context-heavy", 0.5, 0.5),

        // Six-fold bursts of long answers: real time keeps the burst's wall-clock rate within what two shared cores
        // can stream; two bursts are measured.
        ("bursty-chat", 1.0, 0.25),
    ];

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the reports, charts and process logs", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "demo")) };
        var pods = new Option<int>("--pods") { Description = "Simulated model-server pods", DefaultValueFactory = _ => 4 };
        var transport = new Option<string>("--epp-transport") { Description = "ext_proc over tls (the product default) or h2c", DefaultValueFactory = _ => "tls" };
        var scale = new Option<double>("--duration-scale") { Description = "Multiply the demo's own workload durations (smaller is quicker and noisier)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("demo", "The one-command live demo: round-robin against EPP routing with real processes (about three minutes)")
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
            foreach (var (name, timeScale, durationScale) in Compression)
            {
                runs.Add((WorkloadCatalog.TryResolve(name, out _)!, new LiveBenchOptions
                {
                    Pods = parse.GetValue(pods),
                    TimeScale = timeScale,
                    DurationScale = durationScale * parse.GetValue(scale),
                    EppTls = parse.GetValue(transport) == "tls",
                }));
            }

            var directory = parse.GetValue(output)!;
            Console.WriteLine($"EppOperator demo: {string.Join(" and ", Compression.Select(c => c.Workload))} on {parse.GetValue(pods)} simulated pods (eppsim serve), each run twice through");
            Console.WriteLine($"eppsim gateway: alone (round-robin), then calling the EPP (epp, ext_proc over {parse.GetValue(transport)}). Progress below; reports in {directory.FullName}.");
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
