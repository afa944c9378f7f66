using System.Net;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Load;
using EppOperator.Sim.Serve;
using EppOperator.Sim.Workloads;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Tests.Load;

public class LoadGeneratorTests
{
    private const double TimeScale = 0.05;
    private SimServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() =>
        _server = await SimServer.StartAsync(new ServeOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Model = "m",
            PodName = "pod-load",
            Profile = EngineProfiles.H100Llama3_8B.TimeScaled(TimeScale),
        }, LogLevel.Warning, CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private static WorkloadDefinition Workload(string api, string model = "m") => new()
    {
        Name = "tiny",
        Model = model,
        Api = api,
        Groups = 2,
        UsersPerGroup = 4,
        SystemTokens = TokenDistribution.Fixed(300),
        QuestionTokens = TokenDistribution.Fixed(20),
        OutputTokens = TokenDistribution.Fixed(8),
        WarmupSeconds = 1,
        DurationSeconds = 4,
    };

    private async Task<LoadResult> RunAsync(WorkloadDefinition workload, bool http2 = false)
    {
        var options = new LoadOptions { BaseUrl = new Uri($"http://127.0.0.1:{_server.Port}"), TimeScale = TimeScale, Http2 = http2 };
        using var client = LoadGenerator.CreateClient(options);
        var plan = WorkloadGenerator.Generate(workload, pods: 1, load: 1, ratePerSecond: 10, seed: 5);
        return await new LoadGenerator(client, options, TimeProvider.System).RunAsync(plan, null, CancellationToken.None);
    }

    [TestCase("chat", false)]
    [TestCase("completions", true)]
    public async Task RunAsync_AgainstOneServer_MeasuresEveryRequestFromTheStream(string api, bool http2)
    {
        var workload = Workload(api);
        var plan = WorkloadGenerator.Generate(workload, pods: 1, load: 1, ratePerSecond: 10, seed: 5);

        var result = await RunAsync(workload, http2);

        var r = result.Result;
        Assert.That(r.Requests, Is.EqualTo(plan.Requests.Count(p => p.Measured)));
        Assert.That(r.Errors, Is.Zero);
        Assert.That(r.TtftMs.Mean, Is.Positive);
        Assert.That(r.E2eMs.Mean, Is.GreaterThan(r.TtftMs.Mean));
        Assert.That(r.ItlMs.Mean, Is.Positive);
        Assert.That(r.PrefixHitRate, Is.GreaterThan(0.5), "the 300-token system prompts are shared");
        Assert.That(result.ServedBy, Is.EqualTo(new Dictionary<string, int> { ["pod-load"] = plan.Requests.Count }));
        Assert.That(result.Classes, Is.Empty, "nothing was marked sheddable");
    }

    [Test]
    public async Task RunAsync_ModelTheServerDoesNotHave_CountsEveryMeasuredRequestAsAnError()
    {
        var workload = Workload("chat", model: "unknown");
        var plan = WorkloadGenerator.Generate(workload, pods: 1, load: 1, ratePerSecond: 10, seed: 5);

        var result = await RunAsync(workload);

        Assert.That(result.Result.Errors, Is.EqualTo(plan.Requests.Count(p => p.Measured)));
        Assert.That(result.Result.Requests, Is.EqualTo(result.Result.Errors));
    }
}
