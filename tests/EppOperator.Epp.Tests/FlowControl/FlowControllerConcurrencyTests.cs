using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Tests.FlowControl;

[TestFixture]
public sealed class FlowControllerConcurrencyTests
{
    private const int Producers = 200;
    private const int RequestsPerProducer = 50;

    [Test]
    [CancelAfter(60_000)]
    public async Task EnqueueAndWaitAsync_ManyProducersWithRandomCancellations_EveryRequestGetsOneOutcomeAndNothingLeaks(CancellationToken testTimeout)
    {
        // Arrange: 16 slots for 200 producers, a small global limit and a short TTL so every outcome occurs
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var metrics = new FlowControlMetrics(meter, "pool");
        Endpoint[] endpoints = [new(new EndpointSpec("a", IPAddress.Loopback, 1)), new(new EndpointSpec("b", IPAddress.Loopback, 2))];
        var snapshot = ImmutableArray.Create(endpoints);
        var options = new FlowControlOptions { MaxRequests = 150, DefaultRequestTtl = TimeSpan.FromMilliseconds(25), RecheckInterval = TimeSpan.FromMilliseconds(5) };
        var controller = new FlowController(options, new ConcurrencyDetector("c", ConcurrencyMode.Requests, 8), () => snapshot, TimeProvider.System, metrics);
        var outcomes = new ConcurrentDictionary<string, int>();
        var byOutcome = new ConcurrentDictionary<FlowOutcome, int>();

        async Task ProduceAsync(int producer)
        {
            var random = new Random(producer);
            for (var i = 0; i < RequestsPerProducer; i++)
            {
                var request = FlowRequests.Create($"flow-{random.Next(20)}", random.Next(-1, 2), random.Next(1, 4000), $"p{producer}-{i}");
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(testTimeout);
                if (random.NextDouble() < 0.2) cts.CancelAfter(TimeSpan.FromMilliseconds(random.Next(0, 20)));
                var item = await controller.EnqueueAndWaitAsync(request, null, cts.Token);
                outcomes.AddOrUpdate(request.RequestId, 1, (_, n) => n + 1);
                byOutcome.AddOrUpdate(item.Outcome, 1, (_, n) => n + 1);
                if (item.Outcome != FlowOutcome.Dispatched) continue;

                // Play the request path: in flight on an endpoint, placed, a response, completion.
                var endpoint = endpoints[random.Next(endpoints.Length)];
                endpoint.AddInFlight(item.Tokens);
                controller.Placed(item);
                await Task.Delay(random.Next(0, 3), testTimeout);
                endpoint.RemoveInFlight(item.Tokens);
                controller.Wake();
            }
        }

        // Act
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(() => ProduceAsync(p), testTimeout)));
        var text = exporter.Collect();
        controller.Dispose();

        // Assert
        var finalizations = text.Split('\n')
            .Where(l => l.StartsWith("inference_extension_flow_control_request_queue_duration_seconds_count{", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var gauges = text.Split('\n').Where(l => l.StartsWith("inference_extension_flow_control_queue_", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(Producers * RequestsPerProducer));
            Assert.That(outcomes.Values, Is.All.EqualTo(1));
            Assert.That(finalizations, Is.EqualTo(Producers * RequestsPerProducer), "each request finalized exactly once");
            Assert.That(byOutcome.Keys, Is.SupersetOf(new[] { FlowOutcome.Dispatched, FlowOutcome.EvictedContextCancelled }));
            Assert.That(controller.QueuedCount, Is.Zero);
            Assert.That(controller.QueuedBytes, Is.Zero);
            Assert.That(controller.ActiveFlowCount, Is.Zero);
            Assert.That(controller.ReservedCount, Is.Zero);
            Assert.That(endpoints.Sum(e => e.InFlightRequests), Is.Zero);
            Assert.That(gauges, Is.Not.Empty);
            Assert.That(gauges, Is.All.EndsWith(" 0"), "queue gauges return to zero");
        });
        TestContext.Out.WriteLine(string.Join(", ", byOutcome.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}")));
    }
}
