using System.Collections.Immutable;
using System.Text;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class MetricsExtractorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Extract_VllmV1Sample_ReadsEveryField()
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);

        // Act
        var result = extractor.Extract(ExpositionSamples.Bytes(ExpositionSamples.VllmV1), EndpointMetrics.None, Now);

        // Assert
        var m = result.Metrics!;
        Assert.Multiple(() =>
        {
            Assert.That(m.WaitingQueueSize, Is.EqualTo(3));
            Assert.That(m.RunningRequests, Is.EqualTo(7));
            Assert.That(m.KvCacheUsage, Is.EqualTo(0.4237));
            // Three LoRA series: the one with the largest value (latest change) wins.
            Assert.That(m.ActiveModels, Is.EqualTo(new[] { "sql-lora", "chat-lora" }));
            Assert.That(m.WaitingModels, Is.EqualTo(new[] { "summarize-lora" }));
            Assert.That(m.MaxActiveModels, Is.EqualTo(4));
            Assert.That(m.CacheBlockSize, Is.EqualTo(16));
            Assert.That(m.CacheNumBlocks, Is.EqualTo(27843));
            Assert.That(m.UpdatedAt, Is.EqualTo(Now));
            Assert.That(result.Stats.MalformedLines, Is.Zero);
        });
    }

    [Test]
    public void Extract_VllmV0Sample_FallsBackToGpuCacheUsageAndPicksLatestTimestamp()
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);

        // Act
        var m = extractor.Extract(ExpositionSamples.Bytes(ExpositionSamples.VllmV0OpenMetrics, crlf: true), EndpointMetrics.None, Now).Metrics!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(m.KvCacheUsage, Is.EqualTo(0.875));
            Assert.That(m.WaitingQueueSize, Is.EqualTo(11), "the series with the highest timestamp wins");
            Assert.That(m.RunningRequests, Is.EqualTo(12));
            Assert.That(m.ActiveModels, Is.EqualTo(new[] { "adapter-x" }));
            Assert.That(m.WaitingModels, Is.EqualTo(new[] { "adapter-y", "adapter\"z\"" }));
            Assert.That(m.MaxActiveModels, Is.EqualTo(2));
            Assert.That(m.CacheBlockSize, Is.EqualTo(32));
            Assert.That(m.CacheNumBlocks, Is.EqualTo(9120));
        });
    }

    [TestCase(ExpositionSamples.SgLang, EngineMetricMappings.SgLang, 4, 21, 0.61, 1, 300000)]
    [TestCase(ExpositionSamples.TrtLlmServe, EngineMetricMappings.TrtLlmServe, 2, 16, 0.2875, 32, 20480)]
    [TestCase(ExpositionSamples.TritonTrtLlm, EngineMetricMappings.TritonTensorRtLlm, 6, 24, 0.3319, 64, 11147)]
    public void Extract_OtherEngineSamples_ReadTheirMappedNames(string sample, string engine, int queue, int running, double kv, int blockSize, int numBlocks)
    {
        // Arrange
        new EngineMetricMappings().TryResolve(engine, out var mapping);
        var extractor = new MetricsExtractor(mapping);

        // Act
        var m = extractor.Extract(ExpositionSamples.Bytes(sample, crlf: true), EndpointMetrics.None, Now).Metrics!;

        // Assert
        Assert.That(
            (m.WaitingQueueSize, m.RunningRequests, m.KvCacheUsage, m.CacheBlockSize, m.CacheNumBlocks),
            Is.EqualTo((queue, running, kv, blockSize, numBlocks)));
    }

    [TestCase("q 1\nq 2\nq 3\n", 1, Description = "no timestamps: the first series wins")]
    [TestCase("q 1 100\nq 2 300\nq 3 200\n", 2, Description = "highest timestamp wins")]
    [TestCase("q 1 100\nq 2 100\n", 1, Description = "a tie keeps the first")]
    [TestCase("q 5\nq 6 10\n", 6, Description = "an explicit timestamp beats none")]
    [TestCase("q{kind=\"a\"} 1\nq{kind=\"b\"} 9\n", 9, Description = "label matcher filters series")]
    public void Extract_SeveralSeries_SelectsAsTheReference(string page, int expected)
    {
        // Arrange
        var mapping = new EngineMetricMapping("test") { QueuedRequests = [MetricField.Value(page.Contains("kind", StringComparison.Ordinal) ? "q{kind=\"b\"}" : "q")] };
        var extractor = new MetricsExtractor(mapping);

        // Act
        var m = extractor.Extract(Encoding.UTF8.GetBytes(page), EndpointMetrics.None, Now).Metrics!;

        // Assert
        Assert.That(m.WaitingQueueSize, Is.EqualTo(expected));
    }

    [Test]
    public void Extract_PageWithoutMappedMetrics_ReturnsNoMetrics()
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);

        // Act
        var result = extractor.Extract(ExpositionSamples.Bytes(ExpositionSamples.SgLang), EndpointMetrics.None, Now);

        // Assert
        Assert.That(result.Metrics, Is.Null);
        Assert.That(result.Stats.Samples, Is.Zero);
    }

    [Test]
    public void Extract_FieldMissingFromPage_KeepsPreviousValue()
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);
        var previous = EndpointMetrics.None with { RunningRequests = 5, KvCacheUsage = 0.5, ActiveModels = ["kept"] };

        // Act
        var m = extractor.Extract("vllm:num_requests_waiting 2\n"u8, previous, Now).Metrics!;

        // Assert
        Assert.That((m.WaitingQueueSize, m.RunningRequests, m.KvCacheUsage, m.ActiveModels.Single()), Is.EqualTo((2, 5, 0.5, "kept")));
    }

    [TestCase("vllm:num_requests_waiting -3\nvllm:kv_cache_usage_perc 1.7\n", 0, 1.0)]
    [TestCase("vllm:num_requests_waiting 1e12\nvllm:kv_cache_usage_perc -0.1\n", int.MaxValue, 0.0)]
    [TestCase("vllm:num_requests_waiting NaN\nvllm:kv_cache_usage_perc 0.3\n", 4, 0.3)]
    public void Extract_OutOfRangeValues_AreClampedOrIgnored(string page, int queue, double kv)
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);
        var previous = EndpointMetrics.None with { WaitingQueueSize = 4 };

        // Act
        var m = extractor.Extract(Encoding.UTF8.GetBytes(page), previous, Now).Metrics!;

        // Assert
        Assert.That((m.WaitingQueueSize, m.KvCacheUsage), Is.EqualTo((queue, kv)));
    }

    [Test]
    public void Extract_UnchangedLoraLabels_ReusesTheDecodedLists()
    {
        // Arrange
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);
        var page = ExpositionSamples.Bytes(ExpositionSamples.VllmV1);
        var first = extractor.Extract(page, EndpointMetrics.None, Now).Metrics!;

        // Act
        var second = extractor.Extract(page, first, Now.AddSeconds(1)).Metrics!;
        var changed = extractor.Extract("vllm:lora_requests_info{running_lora_adapters=\"other\"} 2e9\n"u8, second, Now).Metrics!;

        // Assert
        Assert.That(second.ActiveModels, Is.EqualTo(first.ActiveModels));
        Assert.That(ImmutableCollectionsMarshal(second.ActiveModels), Is.SameAs(ImmutableCollectionsMarshal(first.ActiveModels)));
        Assert.That(changed.ActiveModels, Is.EqualTo(new[] { "other" }));
        Assert.That(changed.MaxActiveModels, Is.Zero);
    }

    [Test]
    public void Extract_DisabledField_IsNotRead()
    {
        // Arrange
        var mapping = EngineMetricMappings.VllmMapping with { LoraInfo = [] };
        var extractor = new MetricsExtractor(mapping);

        // Act
        var m = extractor.Extract(ExpositionSamples.Bytes(ExpositionSamples.VllmV1), EndpointMetrics.None, Now).Metrics!;

        // Assert
        Assert.That(m.ActiveModels, Is.Empty);
        Assert.That(m.WaitingQueueSize, Is.EqualTo(3));
    }

    [Test]
    public void TryResolve_UnknownEngine_FallsBackToDefault()
    {
        // Arrange
        var custom = new EngineMetricMapping(EngineMetricMappings.SgLang) { QueuedRequests = [MetricField.Value("custom_queue")] };
        var mappings = new EngineMetricMappings([custom]);

        // Act
        var unknown = mappings.TryResolve("llama.cpp", out var fallback);
        var overridden = mappings.TryResolve(EngineMetricMappings.SgLang, out var sglang);

        // Assert
        Assert.That(unknown, Is.False);
        Assert.That(fallback, Is.SameAs(EngineMetricMappings.VllmMapping));
        Assert.That(overridden, Is.True);
        Assert.That(sglang, Is.SameAs(custom));
    }

    private static string[]? ImmutableCollectionsMarshal(ImmutableArray<string> array) =>
        System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(array);
}
