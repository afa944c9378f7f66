using System.Diagnostics;
using System.Net.Http.Json;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Gateway;
using EppOperator.Sim.Load;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Live;

/// <summary>
/// <c>eppsim bench --mode live</c>: the routing comparison with real processes talking real protocols. For each
/// offered load, one workload plan is replayed by the load generator (the engine of <c>eppsim load</c>) through
/// <c>eppsim gateway</c> in front of a fresh fleet of <c>eppsim serve</c> processes, once per policy:
/// <c>round-robin</c> (the gateway alone), <c>epp</c> (the gateway calling <c>epp</c> over ext_proc) and <c>epp+fc</c>
/// (the same with flow control and a sheddable objective). Offered loads are fractions of the fleet capacity the
/// virtual bench measures, as in <c>eppsim load --load</c>.
/// </summary>
internal sealed class LiveBench(LiveBenchOptions options, DirectoryInfo output, Action<string> progress)
{
    public async Task<LiveWorkloadResult> RunAsync(WorkloadDefinition workload, CancellationToken cancellationToken)
    {
        var profileName = options.ProfileName ?? workload.Profile;
        var profile = options.ProfileOverride(EngineProfiles.Find(profileName)
            ?? throw new ArgumentException($"workload {workload.Name}: unknown profile '{profileName}'", nameof(workload)));
        var scaled = workload with
        {
            WarmupSeconds = workload.WarmupSeconds * options.DurationScale,
            DurationSeconds = workload.DurationSeconds * options.DurationScale,
        };
        var benchOptions = new BenchOptions { Pods = options.Pods, Seed = options.Seed };
        var ideal = CapacityModel.RequestsPerSecondPerPod(scaled, profile, options.Pods) * options.Pods;
        var capacity = CapacityProbe.MeasureRequestsPerSecond(scaled, profile, benchOptions);
        var loads = (options.Loads.Count > 0 ? options.Loads : [workload.HeadlineLoad]).Distinct().Order().ToList();
        var headlineLoad = loads.Contains(workload.HeadlineLoad) ? workload.HeadlineLoad : loads[^1];
        progress($"{workload.Name}: fleet capacity {capacity:0.0} req/s under round-robin (model time); {scaled.WarmupSeconds + scaled.DurationSeconds:0} s of model time "
            + $"= {(scaled.WarmupSeconds + scaled.DurationSeconds) * options.TimeScale:0} s per run at time scale {options.TimeScale:0.###}");

        var sweep = new List<SweepPoint>();
        var runs = new List<LiveRunRecord>();
        Dictionary<string, double[]> headlineTtft = [];
        foreach (var load in loads)
        {
            var rate = load * capacity;
            var plan = WorkloadGenerator.Generate(scaled, options.Pods, load, rate, options.Seed);
            var results = new OrderedDictionary<string, PolicyResult>();
            foreach (var policy in options.Policies)
            {
                var run = await RunPolicyAsync(workload, profileName, plan, load, policy, cancellationToken).ConfigureAwait(false);
                results.Add(policy, run.Load.Result);
                runs.Add(run.Record);
                if (load == headlineLoad) headlineTtft[policy] = run.Load.SortedTtftMs;
            }

            sweep.Add(new SweepPoint(load, LatencySummary.Round(rate), plan.Requests.Count, results));
        }

        var headline = sweep.Single(p => p.Load == headlineLoad);
        var report = new LiveWorkloadReport(
            new WorkloadReport(workload.Name, workload.Description, "live", profile.Name, options.Pods, options.Seed, ScrapeIntervalMs: 50,
                LatencySummary.Round(capacity), LatencySummary.Round(ideal), headline.Load, headline.RateRps, headline.Policies, sweep),
            options.TimeScale, options.DurationScale, options.EppTls ? "tls" : "h2c", runs) { Sheddable = options.Sheddable };
        return new LiveWorkloadResult(report, headlineTtft);
    }

    private async Task<(LoadResult Load, LiveRunRecord Record)> RunPolicyAsync(WorkloadDefinition workload, string profileName, WorkloadPlan plan, double load, string policy, CancellationToken cancellationToken)
    {
        var name = $"{workload.Name} {policy} @ {load:0.##}";
        var logs = Path.Combine(output.FullName, "logs", $"{workload.Name}-{load:0.##}-{policy}");
        var clock = Stopwatch.StartNew();
        using var group = new ProcessGroup();
        var fleet = await LiveFleet.StartAsync(group, new LiveFleetSpec(name, workload.Model, profileName, policy, logs, options),
            m => progress($"{name}: {m}"), cancellationToken).ConfigureAwait(false);

        var loadOptions = new LoadOptions
        {
            BaseUrl = fleet.GatewayUrl,
            TimeScale = options.TimeScale,
            MaxConcurrency = options.MaxConcurrency,
            RequestTimeout = TimeSpan.FromMinutes(5),
            Sheddable = options.Sheddable,
        };
        using var admin = new HttpClient { BaseAddress = fleet.AdminUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var client = LoadGenerator.CreateClient(loadOptions);
        await WarmUpAsync(client, workload, cancellationToken).ConfigureAwait(false);
        progress($"{name}: {plan.Requests.Count} requests over {plan.EndSeconds * options.TimeScale:0} s");
        using var loadDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var warmupEnd = ForgetWarmupOverheadAsync(admin, TimeSpan.FromSeconds(plan.Definition.WarmupSeconds * options.TimeScale), loadDone.Token);
        var result = await new LoadGenerator(client, loadOptions, TimeProvider.System)
            .RunAsync(plan, m => progress($"{name}: {m}"), cancellationToken).ConfigureAwait(false);
        await loadDone.CancelAsync().ConfigureAwait(false);
        await warmupEnd.ConfigureAwait(false);

        foreach (var process in group.Processes.Where(p => p.HasExited))
        {
            throw new LiveRunException($"{process.Name} exited during the run; the end of {process.LogPath}:\n{process.Tail()}");
        }

        ExtProcOverhead? overhead = null;
        if (LiveBenchOptions.CallsEpp(policy))
        {
            overhead = await admin.GetFromJsonAsync<ExtProcOverhead>("/stats/ext_proc", ReportJson.Options, cancellationToken).ConfigureAwait(false);
        }

        var r = result.Result;
        progress($"{name}: done in {clock.Elapsed.TotalSeconds:0.0}s: {r.Requests} measured, {r.Errors} errors, TTFT mean {r.TtftMs.Mean:0.0} ms p95 {r.TtftMs.P95:0.0} ms, "
            + $"prefix hit {r.PrefixHitRate:P1}" + (overhead is null ? "" : $", ext_proc p50 {overhead.TotalMs.P50:0.00} ms p99 {overhead.TotalMs.P99:0.00} ms (wall)"));
        foreach (var c in result.Classes)
        {
            progress($"{name}: {c.Class}: {c.Result.Requests} measured, {c.Refused} refused (429), {c.Result.Errors - c.Refused} other errors, TTFT mean {c.Result.TtftMs.Mean:0.0} ms p95 {c.Result.TtftMs.P95:0.0} ms");
        }

        var servedBy = new SortedDictionary<string, int>(result.ServedBy.ToDictionary(), StringComparer.Ordinal);
        return (result, new LiveRunRecord(load, policy, overhead, servedBy, Math.Round(clock.Elapsed.TotalSeconds, 1)) { Classes = result.Classes });
    }

    // The overhead is reported over the measured part of the run, like the latencies: the warm-up includes the
    // processes' first requests (JIT, connection set-up), which say nothing about the EPP's steady cost.
    private static async Task ForgetWarmupOverheadAsync(HttpClient admin, TimeSpan warmup, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            using var response = await admin.PostAsync("/stats/ext_proc/reset", null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended first.
        }
    }

    // Freshly started processes compile their code on the first requests; a few tiny requests through the whole
    // path first keep that start-up cost out of the comparison (both policies get the same).
    private async Task WarmUpAsync(HttpClient client, WorkloadDefinition workload, CancellationToken cancellationToken)
    {
        var chat = workload.Api == "chat";
        var requests = Enumerable.Range(0, 2 * options.Pods).Select(async i =>
        {
            var prompt = $"warm-up {i}";
            var body = chat
                ? $$$"""{"model":"{{{workload.Model}}}","messages":[{"role":"user","content":"{{{prompt}}}"}],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true}}"""
                : $$$"""{"model":"{{{workload.Model}}}","prompt":"{{{prompt}}}","max_tokens":2,"stream":true,"stream_options":{"include_usage":true}}""";
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(chat ? RequestBodies.ChatPath : RequestBodies.CompletionsPath, content, cancellationToken).ConfigureAwait(false);
            await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new LiveRunException($"a warm-up request through the gateway got {(int)response.StatusCode}");
        });
        await Task.WhenAll(requests).ConfigureAwait(false);
    }
}
