using System.Diagnostics;
using System.Net;
using System.Text;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Benchmarks.Scrape;

/// <summary>
/// CPU and allocations of keeping 100 endpoints' metrics fresh at the default 50 ms: the real scraper (HTTP
/// keep-alive, parse, extract, scrape-health metrics with the exporter listening) against 100 servers in a child
/// process. Net CPU is process CPU over the window minus an idle baseline of the same process; the reference
/// spends about 7.5 cores on this at 100 pods, the target here is at most 10% of one core.
/// </summary>
internal sealed class ScrapeBenchmark : IBenchmark
{
    private const int Endpoints = 100;
    private const double TargetCoreFraction = 0.10;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public string Name => "scrape";

    public string Description => "CPU and bytes allocated to scrape and parse 100 model servers every 50 ms";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var window = context.Quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(30);
        var idleWindow = context.Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(10);
        var warmup = context.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(5);
        var page = VllmMetricsPage.Build();

        var parse = MeasureParse(page, context.Quick ? 20_000 : 100_000);
        BenchContext.Progress($"scrape: parse+extract of a {page.Length}-byte page: {parse.NanosecondsPerPage:F0} ns, {parse.BytesPerPage:F1} B allocated");

        using var targets = await ScrapeTargetProcess.StartAsync(page, Endpoints, cancellationToken);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll(targets.Ports.Select((port, i) => new EndpointSpec($"vllm-{i}-rank-0", IPAddress.Loopback, port)));

        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        using var scraper = new MetricsScraper(datastore, new EngineMetricMappings(), new MetricsScraperOptions { RefreshInterval = Interval },
            new ScrapeHealthMetrics(meter), TimeProvider.System, NullLogger<MetricsScraper>.Instance);

        BenchContext.Progress($"scrape: idle baseline for {idleWindow.TotalSeconds:F0} s");
        var idle = await MeasureAsync(idleWindow, exporter, cancellationToken);

        await scraper.StartAsync(cancellationToken);
        BenchContext.Progress($"scrape: warm-up {warmup.TotalSeconds:F0} s, then measuring {window.TotalSeconds:F0} s");
        await Task.Delay(warmup, cancellationToken);
        var busy = await MeasureAsync(window, exporter, cancellationToken);
        await scraper.StopAsync(cancellationToken);

        var fresh = datastore.Current.Endpoints.Count(e => !e.Metrics.IsStale(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)));
        var netCores = busy.CoreFraction - idle.CoreFraction;
        var report = new
        {
            benchmark = Name,
            quick = context.Quick,
            machine = new { processorCount = Environment.ProcessorCount, note = "shared 2-core machine with other work running; CPU time and allocations are steadier than wall time, still expect noise" },
            endpoints = Endpoints,
            intervalMs = Interval.TotalMilliseconds,
            pageBytes = page.Length,
            windowSeconds = window.TotalSeconds,
            scrapesPerSecond = busy.Scrapes / window.TotalSeconds,
            scrapesPerSecondTarget = Endpoints / Interval.TotalSeconds,
            scrapeErrors = busy.Errors,
            endpointsFreshAtEnd = fresh,
            idleCoreFraction = idle.CoreFraction,
            busyCoreFraction = busy.CoreFraction,
            netCoreFraction = netCores,
            targetCoreFraction = TargetCoreFraction,
            meetsTarget = netCores <= TargetCoreFraction,
            cpuMicrosecondsPerScrape = busy.Scrapes == 0 ? 0 : (busy.CpuSeconds - idle.CoreFraction * window.TotalSeconds) * 1e6 / busy.Scrapes,
            allocatedBytesPerScrape = busy.Scrapes == 0 ? 0 : (double)busy.AllocatedBytes / busy.Scrapes,
            gcCollections = new { gen0 = busy.Gen0, gen1 = busy.Gen1, gen2 = busy.Gen2 },
            parseOnly = new { nanosecondsPerPage = parse.NanosecondsPerPage, bytesAllocatedPerPage = parse.BytesPerPage },
        };
        var path = context.WriteReport(Name, report);
        BenchContext.Progress($"scrape: {report.scrapesPerSecond:F0} scrapes/s, net {netCores * 100:F1}% of one core (idle {idle.CoreFraction * 100:F1}%), "
            + $"{report.allocatedBytesPerScrape:F0} B/scrape, {report.cpuMicrosecondsPerScrape:F1} µs CPU/scrape, {busy.Errors} errors -> {path}");
    }

    private static async Task<Window> MeasureAsync(TimeSpan duration, PrometheusExporter exporter, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var (scrapesBefore, errorsBefore) = ScrapeCounts(exporter);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        await Task.Delay(duration, cancellationToken);

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var elapsed = clock.Elapsed.TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var (scrapesAfter, errorsAfter) = ScrapeCounts(exporter);
        return new Window(cpuSeconds, cpuSeconds / elapsed, scrapesAfter - scrapesBefore, errorsAfter - errorsBefore, allocatedBytes,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
    }

    /// <summary>Scrapes done and failed so far, read back through the EPP's own /metrics text and parser.</summary>
    private static (long Scrapes, long Errors) ScrapeCounts(PrometheusExporter exporter)
    {
        var sink = new CountingSink();
        PrometheusTextParser.Parse(Encoding.UTF8.GetBytes(exporter.Collect()), sink);
        return ((long)sink.Scrapes, (long)sink.Errors);
    }

    private static (double NanosecondsPerPage, double BytesPerPage) MeasureParse(byte[] page, int iterations)
    {
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);
        var metrics = EndpointMetrics.None;
        for (var i = 0; i < 2_000; i++) metrics = extractor.Extract(page, metrics, DateTimeOffset.UnixEpoch).Metrics!;

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) metrics = extractor.Extract(page, metrics, DateTimeOffset.UnixEpoch).Metrics!;
        var elapsed = clock.Elapsed;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return (elapsed.TotalNanoseconds / iterations, (double)bytes / iterations);
    }

    private readonly record struct Window(double CpuSeconds, double CoreFraction, long Scrapes, long Errors, long AllocatedBytes, int Gen0, int Gen1, int Gen2);

    private sealed class CountingSink : IPrometheusSampleSink
    {
        public double Scrapes { get; private set; }

        public double Errors { get; private set; }

        public int Select(ReadOnlySpan<byte> metricName) =>
            metricName.SequenceEqual(Encoding.UTF8.GetBytes(ScrapeHealthMetrics.DurationName + "_count")) ? 0
            : metricName.SequenceEqual(Encoding.UTF8.GetBytes(ScrapeHealthMetrics.ErrorsName)) ? 1
            : -1;

        public void Accept(int slot, in PrometheusSample sample)
        {
            if (slot == 0) Scrapes += sample.Value;
            else Errors += sample.Value;
        }
    }
}
