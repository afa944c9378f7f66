using System.Text;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class PrometheusTextParserTests
{
    [TestCase("x 1", 1.0)]
    [TestCase("x 1.5e3", 1500.0)]
    [TestCase("x -0.25", -0.25)]
    [TestCase("x .5", 0.5)]
    [TestCase("x +Inf", double.PositiveInfinity)]
    [TestCase("x -Inf", double.NegativeInfinity)]
    [TestCase("x inf", double.PositiveInfinity)]
    [TestCase("x NaN", double.NaN)]
    [TestCase("x nan", double.NaN)]
    [TestCase("  x\t 7  ", 7.0)]
    [TestCase("x{} 3", 3.0)]
    [TestCase("x{a=\"1\",} 4", 4.0)]
    [TestCase("x{ a = \"1\" , b=\"2\" } 5", 5.0)]
    [TestCase("x{a=\"1\"}6", 6.0)]
    public void Parse_ValidSampleLine_YieldsValue(string line, double expected)
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        var stats = PrometheusTextParser.Parse(Encoding.UTF8.GetBytes(line), sink);

        // Assert
        Assert.That(stats.MalformedLines, Is.Zero);
        Assert.That(sink.Single("x").Value, Is.EqualTo(expected));
    }

    [TestCase("x")]
    [TestCase("x ")]
    [TestCase("x abc")]
    [TestCase("x 0x10")]
    [TestCase("x 1 2 3")]
    [TestCase("x 1 abc")]
    [TestCase("x{a=\"1\" 1")]
    [TestCase("x{a=1} 1")]
    [TestCase("x{a=\"1} 1")]
    [TestCase("x{a=\"\\q\"} 1")]
    [TestCase("x{1a=\"1\"} 1")]
    [TestCase("x{a=\"1\"b=\"2\"} 1")]
    [TestCase("x{a} 1")]
    [TestCase("1x 1")]
    [TestCase("x-y 1")]
    [TestCase("{\"utf8.name\"} 1")]
    [TestCase("x 1 Inf")]
    [TestCase("# TYPE x")]
    [TestCase("# TYPE x bogus")]
    [TestCase("# TYPE 1x gauge")]
    [TestCase("# HELP")]
    [TestCase("# EOF trailing")]
    public void Parse_MalformedLine_IsCountedAndSkipped(string line)
    {
        // Arrange
        var sink = new RecordingSampleSink();
        var text = Encoding.UTF8.GetBytes("before 1\n" + line + "\nafter 2\n");

        // Act
        var stats = PrometheusTextParser.Parse(text, sink);

        // Assert
        Assert.That(stats.MalformedLines, Is.EqualTo(1));
        Assert.That(sink.Samples.Select(s => s.Name), Is.EqualTo(new[] { "before", "after" }));
    }

    [Test]
    public void Parse_EscapedLabelValues_AreDecoded()
    {
        // Arrange
        var sink = new RecordingSampleSink();
        var text = "m{path=\"C:\\\\dir\\\\file\",quote=\"say \\\"hi\\\"\",nl=\"a\\nb\",brace=\"}{,=\",utf=\"café\"} 1\n"u8;

        // Act
        var stats = PrometheusTextParser.Parse(text, sink);

        // Assert
        var sample = sink.Single("m");
        Assert.Multiple(() =>
        {
            Assert.That(stats.MalformedLines, Is.Zero);
            Assert.That(sample.Label("path"), Is.EqualTo("C:\\dir\\file"));
            Assert.That(sample.Label("quote"), Is.EqualTo("say \"hi\""));
            Assert.That(sample.Label("nl"), Is.EqualTo("a\nb"));
            Assert.That(sample.Label("brace"), Is.EqualTo("}{,="));
            Assert.That(sample.Label("utf"), Is.EqualTo("café"));
        });
    }

    [TestCase("m 1 1747700000000", 1747700000000.0)]
    [TestCase("m{a=\"b\"} 1 -5", -5.0)]
    [TestCase("m 1 1747700000.125", 1747700000.125)]
    [TestCase("m 1", null)]
    [TestCase("m 1 # {trace_id=\"abc\"} 0.5 1747700000.1", null)]
    [TestCase("m 1 1747700000 # {trace_id=\"abc\"} 0.5", 1747700000.0)]
    public void Parse_TimestampAndExemplar_AreReadOrIgnored(string line, double? expected)
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        var stats = PrometheusTextParser.Parse(Encoding.UTF8.GetBytes(line), sink);

        // Assert
        Assert.That(stats.MalformedLines, Is.Zero);
        Assert.That(sink.Single("m").Timestamp, Is.EqualTo(expected));
    }

    [Test]
    public void Parse_CommentsHelpTypeAndBlankLines_AreNotSamples()
    {
        // Arrange
        var sink = new RecordingSampleSink();
        var text = "# a free comment\n\n   \n# HELP m Some help with \\\\ escapes\n# TYPE m gauge\n#\nm 1\n"u8;

        // Act
        var stats = PrometheusTextParser.Parse(text, sink);

        // Assert
        Assert.That(stats, Is.EqualTo(new PrometheusParseStats(Lines: 5, Samples: 1, MalformedLines: 0, SawEof: false)));
    }

    [Test]
    public void Parse_LeadingByteOrderMark_IsIgnored()
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        var stats = PrometheusTextParser.Parse("\uFEFFfirst 1\nsecond 2\n"u8, sink);

        // Assert
        Assert.That(stats.MalformedLines, Is.Zero);
        Assert.That(sink.Single("first").Value, Is.EqualTo(1));
    }

    [Test]
    public void Parse_OpenMetricsEof_StopsReading()
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        var stats = PrometheusTextParser.Parse("m 1\n# EOF\nm 2\n"u8, sink);

        // Assert
        Assert.That(stats.SawEof, Is.True);
        Assert.That(sink.Samples, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_UnselectedFamily_IsSkippedWithoutParsingItsLabels()
    {
        // Arrange: the unselected line has a broken label block that only a full parse would notice.
        var sink = new RecordingSampleSink("wanted");
        var text = "other{a=\"unterminated} 1\nwanted{b=\"2\"} 3\n"u8;

        // Act
        var stats = PrometheusTextParser.Parse(text, sink);

        // Assert
        Assert.That(stats.MalformedLines, Is.Zero);
        Assert.That(sink.Single("wanted").Value, Is.EqualTo(3));
    }

    [TestCaseSource(typeof(ExpositionSamples), nameof(ExpositionSamples.All))]
    public void Parse_RealisticSample_LfAndCrlfYieldTheSameSamples(string sampleName)
    {
        // Arrange
        var lf = new RecordingSampleSink();
        var crlf = new RecordingSampleSink();

        // Act
        var lfStats = PrometheusTextParser.Parse(ExpositionSamples.Bytes(sampleName), lf);
        var crlfStats = PrometheusTextParser.Parse(ExpositionSamples.Bytes(sampleName, crlf: true), crlf);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(lfStats.MalformedLines, Is.Zero);
            Assert.That(crlfStats, Is.EqualTo(lfStats));
            Assert.That(lf.Samples, Has.Count.GreaterThan(10));
            Assert.That(crlf.Samples.Select(s => s.ToString()), Is.EqualTo(lf.Samples.Select(s => s.ToString())));
        });
    }

    [Test]
    public void Parse_VllmV1Sample_ReadsGaugesLoraAndCacheConfig()
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        PrometheusTextParser.Parse(ExpositionSamples.Bytes(ExpositionSamples.VllmV1), sink);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(sink.Single("vllm:num_requests_waiting").Value, Is.EqualTo(3));
            Assert.That(sink.Single("vllm:num_requests_waiting").Label("model_name"), Is.EqualTo("meta-llama/Llama-3.1-8B-Instruct"));
            Assert.That(sink.Single("vllm:kv_cache_usage_perc").Value, Is.EqualTo(0.4237));
            Assert.That(sink.Samples.Count(s => s.Name == "vllm:lora_requests_info"), Is.EqualTo(3));
            Assert.That(sink.Single("vllm:cache_config_info").Label("num_gpu_blocks"), Is.EqualTo("27843"));
            Assert.That(sink.Samples.Count(s => s.Name == "vllm:time_to_first_token_seconds_bucket"), Is.EqualTo(23));
        });
    }

    [Test]
    public void Parse_OpenMetricsSample_ReadsEscapesTimestampsSpecialValuesAndEof()
    {
        // Arrange
        var sink = new RecordingSampleSink();

        // Act
        var stats = PrometheusTextParser.Parse(ExpositionSamples.Bytes(ExpositionSamples.VllmV0OpenMetrics), sink);

        // Assert
        var waiting = sink.Samples.Where(s => s.Name == "vllm:num_requests_waiting").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stats.SawEof, Is.True);
            Assert.That(waiting.Select(s => s.Timestamp), Is.EqualTo(new double?[] { 1747700000000, 1747700001000, 1747700000500 }));
            Assert.That(waiting[0].Label("model_name"), Is.EqualTo("tenant \"a\" C:\\models\\llama"));
            Assert.That(sink.Single("vllm:cpu_cache_usage_perc").Value, Is.NaN);
            Assert.That(sink.Single("vllm:time_to_first_token_seconds_sum").Value, Is.EqualTo(double.PositiveInfinity));
            Assert.That(sink.Single("vllm:prompt_tokens_total").Value, Is.EqualTo(120345));
        });
    }
}
