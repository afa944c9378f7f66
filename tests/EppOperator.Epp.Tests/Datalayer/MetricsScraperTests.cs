using System.Diagnostics;
using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using EppOperator.Testing.Logging;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>
/// The scraper against real HTTP servers (in-process Kestrel on loopback). Timing is asserted with generous
/// deadlines and polling, since the suite shares two cores with other work.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MetricsScraperTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Run_HundredEndpointsOneHangsOneFails_BothTurnStaleOthersStayFreshThenRecover()
    {
        // Arrange
        await using var fleet = await FakeModelServerFleet.StartAsync(100);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll(fleet.Ports.Select(Spec));
        var options = new MetricsScraperOptions();
        var logs = new LogCapture();
        var logger = logs.CreateLogger<MetricsScraper>();
        using var meter = new EppMeter();
        using var scraper = new MetricsScraper(datastore, new EngineMetricMappings(), options, new ScrapeHealthMetrics(meter), TimeProvider.System, logger);
        var endpoints = datastore.Current.Endpoints;
        var (hung, failing) = (endpoints[0], endpoints[1]);
        var others = endpoints.Skip(2).ToList();

        // Act 1: every endpoint gets its own numbers, repeatedly, over one kept-alive connection.
        await scraper.StartAsync(CancellationToken.None);
        await PollAsync(() => endpoints.All(IsFresh), "all 100 endpoints fresh");
        var before = fleet.Ports.Select(fleet.Requests).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var perEndpoint = fleet.Ports.Select((p, i) => fleet.Requests(p) - before[i]).ToArray();

        // Assert 1
        Assert.Multiple(() =>
        {
            Assert.That(endpoints.Select(e => e.Metrics.WaitingQueueSize), Is.EqualTo(Enumerable.Range(0, 100)));
            // 20 scrapes a second at 50 ms; a busy machine may lose some ticks, never most of them.
            Assert.That(perEndpoint.Min(), Is.GreaterThanOrEqualTo(5), "scrapes per endpoint in one second");
            Assert.That(fleet.Ports.Select(fleet.Connections).Max(), Is.EqualTo(1), "keep-alive: one connection per endpoint");
        });

        // Act 2: one server hangs and one answers 500.
        fleet.Set(fleet.Ports[0], FakeServerBehavior.Hang);
        fleet.Set(fleet.Ports[1], FakeServerBehavior.Error500);
        var broken = Stopwatch.StartNew();
        await PollAsync(() => !IsFresh(hung) && !IsFresh(failing), "the hung and the failing endpoint stale");
        var staleAfter = broken.Elapsed;
        var othersStaleWhileBroken = others.Count(e => !IsFresh(e));
        var lastUpdates = others.Select(e => e.Metrics.UpdatedAt).ToArray();
        await PollAsync(() => others.Select((e, i) => e.Metrics.UpdatedAt > lastUpdates[i]).All(x => x), "the other 98 still refreshed");

        // Assert 2
        Assert.Multiple(() =>
        {
            Assert.That(staleAfter, Is.LessThan(options.StalenessThreshold + TimeSpan.FromSeconds(5)), "stale soon after the threshold");
            Assert.That(othersStaleWhileBroken, Is.Zero, "the other endpoints are unaffected");
            Assert.That(logs.Count("EndpointMetricsStale"), Is.EqualTo(2));
            Assert.That(logs.Count("ScrapeFailed"), Is.EqualTo(2), "failures logged once per transition, not per scrape");
        });

        // Act 3: both come back.
        fleet.Set(fleet.Ports[0], FakeServerBehavior.Healthy);
        fleet.Set(fleet.Ports[1], FakeServerBehavior.Healthy);
        await PollAsync(() => IsFresh(hung) && IsFresh(failing), "both endpoints fresh again");
        await PollAsync(() => logs.Count("EndpointMetricsFresh") == 2, "recovery reported on the next tick");
        await scraper.StopAsync(CancellationToken.None);

        // Assert 3
        Assert.That(logs.Count("ScrapeRecovered"), Is.EqualTo(2));
        Assert.That(logs.Count("EndpointMetricsStale"), Is.EqualTo(2));
    }

    [Test]
    public async Task Run_EndpointsAddedAndRemovedAtRuntime_OthersKeepTheirConnections()
    {
        // Arrange
        await using var fleet = await FakeModelServerFleet.StartAsync(3);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec(fleet.Ports[0], 0), Spec(fleet.Ports[1], 1)]);
        using var meter = new EppMeter();
        using var scraper = new MetricsScraper(datastore, new EngineMetricMappings(), new MetricsScraperOptions(), new ScrapeHealthMetrics(meter), TimeProvider.System, new LogCapture().CreateLogger<MetricsScraper>());
        await scraper.StartAsync(CancellationToken.None);
        await PollAsync(() => datastore.Current.Endpoints.All(IsFresh), "initial endpoints fresh");

        // Act
        datastore.Upsert(Spec(fleet.Ports[2], 2));
        var added = datastore.Current.Endpoints.Single(e => e.Port == fleet.Ports[2]);
        await PollAsync(() => IsFresh(added), "added endpoint fresh");
        datastore.Remove(Spec(fleet.Ports[0], 0).Name);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var removedCount = fleet.Requests(fleet.Ports[0]);
        var keptCount = fleet.Requests(fleet.Ports[1]);
        await PollAsync(() => fleet.Requests(fleet.Ports[1]) > keptCount + 5, "kept endpoint still scraped");
        await scraper.StopAsync(CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(fleet.Requests(fleet.Ports[0]), Is.EqualTo(removedCount), "removed endpoint no longer scraped");
            Assert.That(fleet.Connections(fleet.Ports[1]), Is.EqualTo(1), "kept endpoint's connection survived the changes");
            Assert.That(added.Metrics.WaitingQueueSize, Is.EqualTo(2));
        });
    }

    [TestCase(FakeServerBehavior.Hang, "timeout")]
    [TestCase(FakeServerBehavior.Error500, "http_status")]
    [TestCase(FakeServerBehavior.Unrelated, "missing_metrics")]
    [TestCase(FakeServerBehavior.Huge, "too_large")]
    public async Task Run_BrokenServer_CountsErrorByReasonAndNeverRefreshes(FakeServerBehavior behavior, string reason)
    {
        // Arrange
        await using var fleet = await FakeModelServerFleet.StartAsync(1);
        fleet.Set(fleet.Ports[0], behavior);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec(fleet.Ports[0], 0)]);
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var options = new MetricsScraperOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxResponseBytes = 4096 };
        using var scraper = new MetricsScraper(datastore, new EngineMetricMappings(), options, new ScrapeHealthMetrics(meter), TimeProvider.System, new LogCapture().CreateLogger<MetricsScraper>());

        // Act
        await scraper.StartAsync(CancellationToken.None);
        await PollAsync(() => exporter.Collect().Contains($"{ScrapeHealthMetrics.ErrorsName}{{reason=\"{reason}\"}} 2", StringComparison.Ordinal), $"two {reason} errors");
        await scraper.StopAsync(CancellationToken.None);

        // Assert
        Assert.That(datastore.Current.Endpoints[0].Metrics, Is.SameAs(EndpointMetrics.None));
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsNamingTheFlag()
    {
        // Arrange
        using var meter = new EppMeter();
        var options = new MetricsScraperOptions { RefreshInterval = TimeSpan.Zero };

        // Act / Assert
        Assert.That(
            () => new MetricsScraper(new EndpointDatastore(), new EngineMetricMappings(), options, new ScrapeHealthMetrics(meter), TimeProvider.System, new LogCapture().CreateLogger<MetricsScraper>()),
            Throws.ArgumentException.With.Message.Contains("--refresh-metrics-interval"));
    }

    private static EndpointSpec Spec(int port, int index) => new($"pod-{index}-rank-0", IPAddress.Loopback, port);

    private static bool IsFresh(Endpoint endpoint) => !endpoint.Metrics.IsStale(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2));

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Deadline) Assert.Fail($"timed out after {Deadline} waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
