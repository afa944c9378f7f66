using System.Net;
using EppOperator.Epp.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class MetricsEndpointTests
{
    [Test]
    public async Task MapPrometheusMetrics_OnItsPort_ServesExpositionTextAndNothingOnOtherPorts()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        meter.Meter.CreateCounter<long>("inference_objective_request_total", description: "Requests.").Add(5, new KeyValuePair<string, object?>("model_name", "m"));
        // The route must know its port before the host starts, so take two free ports first.
        var ports = new[] { FreePort(), FreePort() };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var port in ports) k.Listen(IPAddress.Loopback, port);
        });
        await using var app = builder.Build();
        app.MapPrometheusMetrics(exporter, ports[0]);
        await app.StartAsync();
        using var client = new HttpClient();

        // Act
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{ports[0]}/metrics"));
        var body = await response.Content.ReadAsStringAsync();
        using var elsewhere = await client.GetAsync(new Uri($"http://127.0.0.1:{ports[1]}/metrics"));
        await app.StopAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo(PrometheusTextWriter.ContentType));
            Assert.That(body, Is.EqualTo("# HELP inference_objective_request_total Requests.\n# TYPE inference_objective_request_total counter\ninference_objective_request_total{model_name=\"m\"} 5\n"));
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
