using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Epp.Tests.Scheduling;

[TestFixture]
public sealed class RoundRobinSchedulerTests
{
    private static readonly InferenceRequest Request = new()
    {
        RequestId = "r", Kind = RequestKind.Completions, Path = "/v1/completions", IncomingModel = "m", TargetModel = "m",
    };

    [Test]
    public void Schedule_CyclesThroughCandidatesInOrder()
    {
        var endpoints = Enumerable.Range(1, 3).Select(i => new Endpoint(new EndpointSpec($"e{i}", IPAddress.Parse($"10.0.0.{i}"), 8000))).ToArray();
        var scheduler = new RoundRobinScheduler();

        var picks = Enumerable.Range(0, 6).Select(_ => scheduler.Schedule(Request, endpoints).Primary!.Name).ToList();

        Assert.That(picks, Is.EqualTo(new[] { "e1", "e2", "e3", "e1", "e2", "e3" }));
    }

    [Test]
    public void Schedule_NoCandidates_FailsWithReason()
    {
        var result = new RoundRobinScheduler().Schedule(Request, []);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.FailureReason, Is.Not.Empty);
    }
}
