using System.Collections.Concurrent;
using System.Net;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Gateway;
using EppOperator.Sim.Load;
using EppOperator.Sim.Tests.Gateway.Support;
using EppOperator.Sim.Workloads;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Tests.Load;

/// <summary>
/// The load generator's sheddable marking, end to end through the gateway: the EPP (scripted over real gRPC) sees the
/// objective header exactly on the sheddable users' requests, and refuses them with 429 as a saturated EPP sheds them;
/// the result reports each class apart.
/// </summary>
[NonParallelizable]
public class LoadGeneratorPriorityTests
{
    private const double TimeScale = 0.05;

    private SimPods _pods = null!;
    private ScriptedEpp _epp = null!;
    private GatewayServer _gateway = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _pods = await SimPods.StartAsync(1, TimeScale);
        _epp = await ScriptedEpp.StartAsync();
        _gateway = await GatewayServer.StartAsync(new GatewayOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            AdminPort = 0,
            Pool = EndpointPool.TryParse(_pods.Endpoints[0], out _)!,
            EppAddress = _epp.Address,
            LogLevel = LogLevel.Warning,
        }, TimeProvider.System, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _gateway.DisposeAsync();
        await _epp.DisposeAsync();
        await _pods.DisposeAsync();
    }

    private static readonly WorkloadDefinition Workload = new()
    {
        Name = "tiny",
        Model = SimPods.Model,
        Api = "chat",
        Groups = 2,
        UsersPerGroup = 4,
        SystemTokens = TokenDistribution.Fixed(100),
        QuestionTokens = TokenDistribution.Fixed(20),
        OutputTokens = TokenDistribution.Fixed(6),
        WarmupSeconds = 1,
        DurationSeconds = 4,
    };

    [Test]
    public async Task RunAsync_QuarterSheddableAndShed_ObjectiveOnTheirRequestsOnlyAndClassesApart()
    {
        // Arrange
        var objectives = new ConcurrentBag<string?>();
        _epp.Script = async e =>
        {
            var body = await e.ReadRequestAsync();
            var objective = e.Received[0].RequestHeaders.Headers.Headers.FirstOrDefault(h => h.Key == RequestHeaderNames.InferenceObjective)?.RawValue.ToStringUtf8();
            objectives.Add(objective);
            if (objective is not null)
            {
                await e.WriteAsync(ExtProcResponses.Immediate(new InferenceError(InferenceErrorCode.ResourceExhausted, "system saturated, sheddable request dropped")));
                return;
            }

            await e.RouteAsync(_pods.Endpoints[0], body);
            await e.EchoResponseAsync();
        };
        var options = new LoadOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{_gateway.Port}"),
            TimeScale = TimeScale,
            Sheddable = new SheddableTraffic("batch", 0.25),
        };
        using var client = LoadGenerator.CreateClient(options);
        var plan = WorkloadGenerator.Generate(Workload, pods: 1, load: 1, ratePerSecond: 12, seed: 3);
        var sheddable = plan.Requests.Where(r => r.User == 0).ToList();
        var measuredSheddable = sheddable.Count(r => r.Measured);
        var measuredOthers = plan.Requests.Count(r => r.Measured) - measuredSheddable;

        // Act
        var result = await new LoadGenerator(client, options, TimeProvider.System).RunAsync(plan, null, CancellationToken.None);

        // Assert
        Assert.That(measuredSheddable, Is.Positive, "the plan has sheddable requests");
        Assert.That(objectives.Count(o => o == "batch"), Is.EqualTo(sheddable.Count));
        Assert.That(objectives.Count(o => o is null), Is.EqualTo(plan.Requests.Count - sheddable.Count));
        Assert.That(result.Classes.Select(c => c.Class), Is.EqualTo(new[] { PriorityClassOutcome.PriorityClass, PriorityClassOutcome.SheddableClass }));
        var (high, shed) = (result.Classes[0], result.Classes[1]);
        Assert.That((high.Result.Requests, high.Result.Errors, high.Refused), Is.EqualTo((measuredOthers, 0, 0)));
        Assert.That(high.Result.TtftMs.Mean, Is.Positive);
        Assert.That((shed.Result.Requests, shed.Result.Errors, shed.Refused), Is.EqualTo((measuredSheddable, measuredSheddable, measuredSheddable)));
        Assert.That((result.Result.Requests, result.Result.Errors), Is.EqualTo((measuredOthers + measuredSheddable, measuredSheddable)));
    }
}
