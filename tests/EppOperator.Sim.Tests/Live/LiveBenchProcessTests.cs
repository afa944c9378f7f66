using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EppOperator.Sim.Live;
using EppOperator.Testing.Net;

namespace EppOperator.Sim.Tests.Live;

/// <summary>
/// <c>eppsim bench --mode live</c> as a user runs it: a child process that starts its own children. Whatever way it
/// ends (done, failed, interrupted), none of the processes it started may survive it.
/// </summary>
[NonParallelizable]
public partial class LiveBenchProcessTests
{
    private const string TinyWorkload = """
        name: tiny
        description: A few short chats, for the live bench's own tests.
        profile: h100-llama3-8b
        api: chat
        groups: 8
        usersPerGroup: 2
        systemTokens: { mean: 200, stdDev: 0, min: 200, max: 200 }
        questionTokens: { mean: 20, stdDev: 0, min: 20, max: 20 }
        outputTokens: { mean: 8, stdDev: 0, min: 8, max: 8 }
        questions: fresh
        order: random
        arrival: { type: poisson }
        warmupSeconds: 1
        durationSeconds: 4
        loads: [0.05]
        headlineLoad: 0.05
        """;

    private string _directory = null!;
    private string _workload = null!;

    [SetUp]
    public void WriteWorkload()
    {
        _directory = Directory.CreateTempSubdirectory("eppsim-live-").FullName;
        _workload = Path.Combine(_directory, "tiny.yaml");
        File.WriteAllText(_workload, TinyWorkload);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string[] Bench(params string[] extra) =>
        [Executables.EppsimDll, "bench", "--mode", "live", "--workload", _workload, "--pods", "2", "--time-scale", "0.2", "--out", Path.Combine(_directory, "out"), .. extra];

    [Test]
    public async Task BenchLive_TinyWorkloadHalfSheddable_ComparesEveryPolicyByClassAndStopsEveryProcess()
    {
        var result = await ChildProcess.RunAsync(Executables.DotnetHost, Bench("--sheddable-share", "0.5"), TimeSpan.FromSeconds(180));

        var pids = Pids(result.StandardError);
        await ProcessProbe.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10));
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        Assert.That(pids, Has.Count.EqualTo(2 + 1 + 2 + 1 + 1 + 2 + 1 + 1), "two pods and a gateway for round-robin; two pods, the epp and a gateway for epp and for epp+fc");
        Assert.That(pids.Where(ProcessProbe.IsAlive), Is.Empty, "every started process is gone");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "out", "tiny.json")));
        var report = json.RootElement;
        Assert.That(report.GetProperty("mode").GetString(), Is.EqualTo("live"));
        Assert.That(report.GetProperty("ext_proc_transport").GetString(), Is.EqualTo("tls"));
        var policies = report.GetProperty("policies");
        Assert.That(policies.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "round-robin", "epp", "epp+fc" }));
        foreach (var policy in policies.EnumerateObject())
        {
            Assert.That(policy.Value.GetProperty("requests").GetInt32(), Is.GreaterThan(50), policy.Name);
            Assert.That(policy.Value.GetProperty("errors").GetInt32(), Is.Zero, policy.Name);
            Assert.That(policy.Value.GetProperty("ttft_ms").GetProperty("mean").GetDouble(), Is.GreaterThan(0), policy.Name);
        }

        var runs = report.GetProperty("runs").EnumerateArray().ToList();
        var epp = runs.Single(r => r.GetProperty("policy").GetString() == "epp").GetProperty("ext_proc_overhead_ms");
        Assert.That(epp.GetProperty("requests").GetInt32(), Is.GreaterThan(50));
        Assert.That(epp.GetProperty("request_ms").GetProperty("p50").GetDouble(), Is.GreaterThan(0));
        Assert.That(runs.Single(r => r.GetProperty("policy").GetString() == "round-robin").GetProperty("ext_proc_overhead_ms").ValueKind, Is.EqualTo(JsonValueKind.Null));
        foreach (var run in runs)
        {
            var classes = run.GetProperty("classes").EnumerateArray().ToList();
            Assert.That(classes.Select(c => c.GetProperty("class").GetString()), Is.EqualTo(new[] { "priority>=0", "sheddable" }));
            Assert.That(classes.Sum(c => c.GetProperty("result").GetProperty("requests").GetInt32()), Is.EqualTo(policies.GetProperty(run.GetProperty("policy").GetString()!).GetProperty("requests").GetInt32()));
            Assert.That(classes.Select(c => c.GetProperty("result").GetProperty("requests").GetInt32()), Has.All.Positive);
        }

        var markdown = File.ReadAllText(Path.Combine(_directory, "out", "tiny.md"));
        Assert.That(markdown, Does.Contain("EPP overhead at the gateway").And.Contain("tiny: by priority class"));
        Assert.That(Directory.GetFiles(Path.Combine(_directory, "out"), "*.svg"), Has.Length.EqualTo(2));
        Assert.That(result.StandardOutput, Does.Contain("| epp |").And.Contain("| round-robin |").And.Contain("| epp+fc |"));
    }

    [Test]
    public async Task BenchLive_Interrupted_StopsEveryProcess()
    {
        var lines = new ConcurrentQueue<string>();
        using var bench = ChildProcess.Start(Executables.DotnetHost, Bench("--duration-scale", "30"));
        bench.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lines.Enqueue(e.Data);
        };
        bench.OutputDataReceived += (_, _) => { };
        bench.BeginErrorReadLine();
        bench.BeginOutputReadLine();
        try
        {
            await WaitForAsync(() => lines.Any(l => l.Contains("requests over", StringComparison.Ordinal)), bench);

            await ChildProcess.RunAsync("kill", ["-INT", bench.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await bench.WaitForExitAsync(exited.Token);
        }
        finally
        {
            ChildProcess.Kill(bench);
        }

        var pids = Pids(string.Join('\n', lines));
        await ProcessProbe.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10));
        Assert.That(pids, Has.Count.EqualTo(3), "two pods and the gateway were running");
        Assert.That(pids.Where(ProcessProbe.IsAlive), Is.Empty, "every started process is gone");
        Assert.That(bench.ExitCode, Is.EqualTo(LiveBenchRun.Cancelled).Or.EqualTo(130));
    }

    [Test]
    public async Task BenchLive_EppFailsToStart_FailsNamingItAndStopsTheOthers()
    {
        var result = await ChildProcess.RunAsync(Executables.DotnetHost, Bench("--policies", "epp", "--epp-args", "--no-such-flag"), TimeSpan.FromSeconds(120));

        var pids = Pids(result.StandardError);
        await ProcessProbe.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10));
        Assert.That(result.ExitCode, Is.EqualTo(LiveBenchRun.Failed), result.Describe());
        Assert.That(result.StandardError, Does.Contain("epp exited during start-up").And.Contain("--no-such-flag"));
        Assert.That(pids, Has.Count.EqualTo(4));
        Assert.That(pids.Where(ProcessProbe.IsAlive), Is.Empty, "the pods and the gateway were stopped too");
    }

    private static List<int> Pids(string output) =>
        [.. PidPattern().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static async Task WaitForAsync(Func<bool> condition, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited) Assert.Fail($"the bench exited early with {process.ExitCode}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(120)) Assert.Fail("the bench did not start its load within 120 s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidPattern();
}
