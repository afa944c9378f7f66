using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class PoolMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Collect_EndpointTurnsStale_LeavesTheAveragesAndCountsAsStale()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var clock = new ManualTimeProvider(Start);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([new EndpointSpec("a", IPAddress.Loopback, 1), new EndpointSpec("b", IPAddress.Loopback, 2)]);
        var (a, b) = (datastore.Current.Endpoints[0], datastore.Current.Endpoints[1]);
        a.Metrics = EndpointMetrics.None with { WaitingQueueSize = 2, UpdatedAt = Start };
        b.Metrics = EndpointMetrics.None with { WaitingQueueSize = 6, UpdatedAt = Start.AddSeconds(1) };
        _ = new PoolMetrics(meter, datastore, "pool", TimeSpan.FromSeconds(2), clock);
        var before = exporter.Collect();

        // Act
        clock.Advance(TimeSpan.FromSeconds(2.5));
        var after = exporter.Collect();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain("inference_pool_average_queue_size{name=\"pool\"} 4\n"));
            Assert.That(before, Does.Contain("inference_pool_stale_endpoints{name=\"pool\"} 0\n"));
            Assert.That(after, Does.Contain("inference_pool_average_queue_size{name=\"pool\"} 6\n"));
            Assert.That(after, Does.Contain("inference_pool_stale_endpoints{name=\"pool\"} 1\n"));
            Assert.That(after, Does.Not.Contain("model_server_pod=\"a\""));
            Assert.That(after, Does.Contain("inference_pool_ready_pods{name=\"pool\"} 2\n"));
        });
    }

    [Test]
    public void Collect_NoFreshEndpoint_OmitsAveragesInsteadOfReportingZero()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([new EndpointSpec("a", IPAddress.Loopback, 1)]);
        _ = new PoolMetrics(meter, datastore, "pool", TimeSpan.FromSeconds(2), new ManualTimeProvider(Start));

        // Act
        var text = exporter.Collect();

        // Assert
        Assert.That(text, Does.Not.Contain("average"));
        Assert.That(text, Does.Contain("inference_pool_stale_endpoints{name=\"pool\"} 1\n"));
    }
}
