using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.CompilerServices;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class PrometheusExporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A scripted run through the instrument kinds the EPP uses, checked byte for byte against a committed file.
    /// Set EPP_UPDATE_GOLDEN=1 to rewrite the file after an intended change, then review the diff.
    /// </summary>
    [Test]
    public void Collect_ScriptedRecordings_MatchesGoldenFile()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var clock = new ManualTimeProvider(Start);
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("pod-a-rank-0", 1), Spec("pod-b-rank-0", 2), Spec("pod-c-rank-0", 3)]);
        var endpoints = datastore.Current.Endpoints;
        endpoints[0].Metrics = EndpointMetrics.None with { WaitingQueueSize = 4, RunningRequests = 10, KvCacheUsage = 0.5, UpdatedAt = Start };
        endpoints[1].Metrics = EndpointMetrics.None with { WaitingQueueSize = 0, RunningRequests = 2, KvCacheUsage = 0.25, UpdatedAt = Start.AddSeconds(-1) };
        endpoints[2].Metrics = EndpointMetrics.None with { WaitingQueueSize = 99, RunningRequests = 99, KvCacheUsage = 1, UpdatedAt = Start.AddSeconds(-30) };
        _ = new PoolMetrics(meter, datastore, "vllm-llama3-8b", TimeSpan.FromSeconds(2), clock);
        BuildInfoMetrics.Register(meter, "0123abc", "v0.1.0");
        var scrapes = new ScrapeHealthMetrics(meter);
        var models = new LabelCardinalityLimiter("model_name", maxValues: 2);
        var requests = meter.Meter.CreateCounter<long>("inference_objective_request_total", description: "Counter of inference objective requests broken out for each model and target model.");
        var errors = meter.Meter.CreateCounter<long>("inference_objective_request_error_total", description: "Counter of inference objective requests errors broken out for each model and target model.");
        var duration = meter.Meter.CreateHistogram("inference_objective_request_duration_seconds", "s", "Inference objective response latency distribution in seconds.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5] });
        var running = meter.Meter.CreateUpDownCounter<int>("inference_objective_running_requests", description: "Inference objective number of running requests in each model.");

        // Act
        foreach (var (model, target, seconds) in new[] { ("llama", "llama-lora-a", 0.05), ("llama", "llama-lora-a", 0.5), ("qwen", "qwen", 7.0), ("made-up-1", "x", 0.2) })
        {
            var limited = models.Limit(model);
            requests.Add(1, new("model_name", limited), new("target_model_name", target), new("priority", 0));
            duration.Record(seconds, new("target_model_name", target), new("model_name", limited));
            running.Add(1, new KeyValuePair<string, object?>("model_name", limited));
        }

        running.Add(-1, new KeyValuePair<string, object?>("model_name", "llama"));
        errors.Add(1, new("model_name", "qwen"), new("target_model_name", "qwen"), new("error_code", "ResourceExhausted"));
        scrapes.Record(ScrapeFailure.None, TimeSpan.FromMilliseconds(2), malformedLines: 0);
        scrapes.Record(ScrapeFailure.Timeout, TimeSpan.FromSeconds(1), malformedLines: 0);
        scrapes.Record(ScrapeFailure.HttpStatus, TimeSpan.FromMilliseconds(3), malformedLines: 2);
        var text = exporter.Collect();

        // Assert
        AssertGolden("scripted.prom", text);
    }

    [Test]
    public void Record_SameLabelsInAnotherOrderOrType_FeedOneSeries()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var counter = meter.Meter.CreateCounter<long>("t_total");

        // Act
        counter.Add(1, new("a", "x"), new("b", 7));
        counter.Add(2, new("b", 7L), new("a", "x"));
        counter.Add(4, new("b", "7"), new("a", "x"));
        counter.Add(8, new KeyValuePair<string, object?>("flag", true));

        // Assert
        Assert.That(exporter.Collect(), Is.EqualTo("# HELP t_total \n# TYPE t_total counter\nt_total{a=\"x\",b=\"7\"} 7\nt_total{flag=\"true\"} 8\n"));
    }

    [Test]
    public void Record_MoreLabelSetsThanTheCap_FoldsTheRestIntoOther()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter, maxSeriesPerInstrument: 2);
        var counter = meter.Meter.CreateCounter<long>("c_total");

        // Act
        foreach (var model in new[] { "a", "b", "c", "d", "a" }) counter.Add(1, new KeyValuePair<string, object?>("model_name", model));

        // Assert
        Assert.That(exporter.Collect(), Does.EndWith("c_total{model_name=\"a\"} 2\nc_total{model_name=\"b\"} 1\nc_total{model_name=\"other\"} 2\n"));
    }

    [TestCase(0.1, "0.1")]
    [TestCase(0.10000001, "0.5")]
    [TestCase(5.0, "5")]
    [TestCase(1e9, "+Inf")]
    [TestCase(-3.0, "0.1")]
    public void Record_HistogramValue_LandsInFirstBucketWithBoundAtLeastIt(double value, string le)
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var histogram = meter.Meter.CreateHistogram("h_seconds", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 5] });

        // Act
        histogram.Record(value);
        histogram.Record(double.NaN);
        var lines = exporter.Collect().Split('\n');

        // Assert
        var firstNonZero = lines.First(l => l.StartsWith("h_seconds_bucket", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.That(firstNonZero, Is.EqualTo($"h_seconds_bucket{{le=\"{le}\"}} 1"));
        Assert.That(lines, Does.Contain("h_seconds_count 1"));
    }

    [Test]
    public void Collect_ObservableSeriesNoLongerReported_Disappear()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var pods = new List<string> { "p1", "p2" };
        meter.Meter.CreateObservableGauge("g", () => pods.Select(p => new Measurement<int>(1, new KeyValuePair<string, object?>("pod", p))));
        var first = exporter.Collect();

        // Act
        pods.Remove("p1");
        var second = exporter.Collect();

        // Assert
        Assert.That(first, Does.Contain("g{pod=\"p1\"} 1"));
        Assert.That(second, Does.Not.Contain("p1").And.Contain("g{pod=\"p2\"} 1"));
    }

    [Test]
    public void Collect_InstrumentsOfAnotherMeterAndConflictingNames_AreNotExported()
    {
        // Arrange
        using var meter = new EppMeter();
        using var other = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        meter.Meter.CreateCounter<long>("dup").Add(1);
        meter.Meter.CreateHistogram<double>("dup").Record(1);
        other.Meter.CreateCounter<long>("foreign_total").Add(1);

        // Act
        var text = exporter.Collect();

        // Assert
        Assert.That(text, Is.EqualTo("# HELP dup \n# TYPE dup counter\ndup 1\n"));
    }

    [Test]
    public void Collect_InstrumentNameWithDots_IsSanitized()
    {
        // Arrange
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);

        // Act
        meter.Meter.CreateCounter<long>("http.server.requests", description: "d").Add(3);

        // Assert
        Assert.That(exporter.Collect(), Is.EqualTo("# HELP http_server_requests d\n# TYPE http_server_requests counter\nhttp_server_requests 3\n"));
    }

    [TestCase("1.2.3+abc123", "abc123", "1.2.3")]
    [TestCase("1.2.3", "unknown", "1.2.3")]
    [TestCase(null, "unknown", "unknown")]
    public void FromInformationalVersion_Variants_SplitsCommitAndRef(string? version, string commit, string buildRef)
    {
        Assert.That(BuildInfoMetrics.FromInformationalVersion(version), Is.EqualTo((commit, buildRef)));
    }

    internal static void AssertGolden(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("EPP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(sourceFile)!, "Golden", name), actual);
            Assert.Inconclusive($"golden file {name} rewritten; review the diff");
        }

        var expected = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Metrics", "Golden", name));
        Assert.That(actual, Is.EqualTo(expected));
    }

    private static EndpointSpec Spec(string name, int octet) => new(name, new IPAddress([10, 0, 0, (byte)octet]), 8000);
}
