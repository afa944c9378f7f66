using System.Diagnostics;
using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Health;
using EppOperator.Epp.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class DatalayerServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddEppDatalayerAndMetrics_HostedScraperFeedsPoolGaugesAndReadiness()
    {
        // Arrange
        await using var fleet = await FakeModelServerFleet.StartAsync(2);
        fleet.SetWaiting(fleet.Ports[0], 3);
        fleet.SetWaiting(fleet.Ports[1], 5);
        var services = new ServiceCollection().AddLogging();
        services.AddEppDatalayer(new MetricsScraperOptions())
            .AddEppMetrics("pool-a", TimeSpan.FromSeconds(2), commit: "abc", buildRef: "v1")
            .AddEppReadiness();
        await using var provider = services.BuildServiceProvider();
        var datastore = provider.GetRequiredService<EndpointDatastore>();
        var exporter = provider.GetRequiredService<PrometheusExporter>();
        var readiness = provider.GetRequiredService<EppReadiness>();
        var notReadyBefore = !readiness.IsReady;

        // Act
        datastore.ReplaceAll(fleet.Ports.Select((p, i) => new EndpointSpec($"pod-{i}-rank-0", IPAddress.Loopback, p)));
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        var deadline = Stopwatch.StartNew();
        string text;
        while (!(text = exporter.Collect()).Contains("inference_pool_average_queue_size{name=\"pool-a\"} 4\n", StringComparison.Ordinal))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("pool average never reflected the scrapes:\n" + text);
            await Task.Delay(20);
        }

        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StopAsync(CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(notReadyBefore && readiness.IsReady, Is.True, "ready once the datastore synced");
            Assert.That(text, Does.Contain("inference_pool_ready_pods{name=\"pool-a\"} 2\n"));
            Assert.That(text, Does.Contain("inference_pool_per_pod_queue_size{model_server_pod=\"pod-1-rank-0\",name=\"pool-a\"} 5\n"));
            Assert.That(text, Does.Contain("inference_extension_info{build_ref=\"v1\",commit=\"abc\"} 1\n"));
            Assert.That(text, Does.Contain("inference_extension_endpoint_scrape_duration_seconds_count "));
        });
    }
}
