using System.CommandLine;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Load;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Cli;

/// <summary><c>eppsim load</c>: drive a workload against a URL (a gateway or one server) and report like the bench.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Base URL of the gateway or model server, e.g. http://127.0.0.1:8080", Required = true };
        var workload = new Option<string>("--workload") { Description = $"A built-in ({string.Join(", ", WorkloadCatalog.BuiltInNames)}) or a workload YAML file", DefaultValueFactory = _ => "context-heavy" };
        var pods = new Option<int>("--pods") { Description = "Pods behind the URL (scales the workload's groups and its capacity)", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of the workload plan", DefaultValueFactory = _ => BenchCommand.DefaultSeed };
        var rate = new Option<double?>("--rate") { Description = "Mean arrival rate in requests per second of model time (overrides --load)" };
        var load = new Option<double>("--load") { Description = "Offered load as a fraction of the fleet capacity the virtual bench measures for this workload and pod count", DefaultValueFactory = _ => 0.8 };
        var durationScale = new Option<double>("--duration-scale") { Description = "Multiply the workload's warm-up and duration", DefaultValueFactory = _ => 1.0 };
        var timeScale = new Option<double>("--time-scale") { Description = "The servers' --time-scale: arrivals are compressed by it and latencies reported in model time", DefaultValueFactory = _ => 1.0 };
        var http2 = new Option<bool>("--http2") { Description = "Send over prior-knowledge HTTP/2 (h2c)" };
        var maxConcurrency = new Option<int>("--max-concurrency") { Description = "Requests in flight at most; later arrivals wait (and the wait counts)", DefaultValueFactory = _ => 2048 };
        var timeout = new Option<double>("--request-timeout") { Description = "Seconds (wall clock) before a request counts as an error", DefaultValueFactory = _ => 600 };
        var label = new Option<string>("--label") { Description = "Key of this run under 'policies' in the report", DefaultValueFactory = _ => "live" };
        var output = new Option<FileInfo?>("--out") { Description = "Report file (default artifacts/bench/load-<workload>.json)" };
        var profile = new Option<string?>("--profile") { Description = "Engine profile for the capacity behind --load (default: the workload's)" };

        var command = new Command("load", "Open-loop HTTP load of a workload against a URL, measured from the client")
        {
            url, workload, pods, seed, rate, load, durationScale, timeScale, http2, maxConcurrency, timeout, label, output, profile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = WorkloadCatalog.TryResolve(parse.GetValue(workload)!, out var error);
            if (definition is null) return Fail("--workload: " + error);
            if (parse.GetValue(pods) is < 1 or > 1000) return Fail("--pods must be within [1, 1000]");
            if (parse.GetValue(timeScale) is <= 0 or > 100) return Fail("--time-scale must be within (0, 100]");
            if (parse.GetValue(durationScale) is <= 0 or > 100) return Fail("--duration-scale must be within (0, 100]");
            if (parse.GetValue(rate) is <= 0) return Fail("--rate must be positive");
            if (parse.GetValue(load) is <= 0 or > 10) return Fail("--load must be within (0, 10]");
            if (parse.GetValue(maxConcurrency) < 1) return Fail("--max-concurrency must be at least 1");
            if (parse.GetValue(timeout) <= 0) return Fail("--request-timeout must be positive");
            var engineProfile = EngineProfiles.Find(parse.GetValue(profile) ?? definition.Profile);
            if (engineProfile is null) return Fail($"--profile: unknown profile; known: {string.Join(", ", EngineProfiles.All.Select(p => p.Name))}");
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                return Fail($"--url: '{parse.GetValue(url)}' is not an absolute http(s) URL");
            }

            var scaled = definition with
            {
                WarmupSeconds = definition.WarmupSeconds * parse.GetValue(durationScale),
                DurationSeconds = definition.DurationSeconds * parse.GetValue(durationScale),
            };
            var benchOptions = new BenchOptions { Pods = parse.GetValue(pods), Seed = parse.GetValue(seed) };
            var offered = parse.GetValue(load);
            var rps = parse.GetValue(rate) ?? offered * CapacityProbe.MeasureRequestsPerSecond(scaled, engineProfile, benchOptions);
            var plan = WorkloadGenerator.Generate(scaled, benchOptions.Pods, offered, rps, benchOptions.Seed);

            var options = new LoadOptions
            {
                BaseUrl = baseUrl,
                TimeScale = parse.GetValue(timeScale),
                Http2 = parse.GetValue(http2),
                MaxConcurrency = parse.GetValue(maxConcurrency),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            Console.Error.WriteLine($"[load] {definition.Name}: {plan.Requests.Count} requests at {rps:0.##} req/s (model time) against {baseUrl}");
            using var client = LoadGenerator.CreateClient(options);
            var result = await new LoadGenerator(client, options, TimeProvider.System).RunAsync(plan, m => Console.Error.WriteLine("[load] " + m), cancellationToken);

            var report = new LoadReport(definition.Name, "live", baseUrl.ToString(), benchOptions.Pods, benchOptions.Seed, options.TimeScale,
                offered, LatencySummary.Round(rps), plan.Requests.Count,
                new OrderedDictionary<string, PolicyResult> { [parse.GetValue(label)!] = result.Result },
                new SortedDictionary<string, int>(result.ServedBy.ToDictionary(), StringComparer.Ordinal));
            var file = parse.GetValue(output) ?? new FileInfo(Path.Combine("artifacts", "bench", $"load-{definition.Name}.json"));
            file.Directory?.Create();
            await File.WriteAllTextAsync(file.FullName, ReportJson.Serialize(report), cancellationToken);
            Console.Error.WriteLine($"[load] wrote {file.FullName}");
            var r = result.Result;
            Console.WriteLine($"requests {r.Requests}, errors {r.Errors}, TTFT mean {r.TtftMs.Mean:0.0} ms p95 {r.TtftMs.P95:0.0} ms, "
                + $"ITL mean {r.ItlMs.Mean:0.0} ms, prefix hit {r.PrefixHitRate:P1}, {r.OutputTokensPerS:0} output tok/s");
            return 0;
        });
        return command;
    }

    private static int Fail(string message) => CommandExit.Fail("load", message);
}
