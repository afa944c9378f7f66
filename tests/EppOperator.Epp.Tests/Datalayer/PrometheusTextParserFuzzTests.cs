using System.Text;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>Hostile input: the parser may reject anything, but must never throw or read out of bounds.</summary>
[TestFixture]
public sealed class PrometheusTextParserFuzzTests
{
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("abc_:{}=\",\\n# \t\r\n0123456789.eE+-InfNa");

    [TestCaseSource(typeof(ExpositionSamples), nameof(ExpositionSamples.All))]
    public void Parse_EveryTruncationOfARealSample_NeverThrows(string sampleName)
    {
        // Arrange
        var bytes = ExpositionSamples.Bytes(sampleName, crlf: sampleName.Length % 2 == 0);
        var stride = Math.Max(1, bytes.Length / 3000);
        var sink = new RecordingSampleSink();
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);

        // Act / Assert
        for (var length = 0; length <= bytes.Length; length += stride)
        {
            var prefix = bytes.AsSpan(0, length);
            var stats = PrometheusTextParser.Parse(prefix, sink);
            Assert.That(stats.Samples + stats.MalformedLines, Is.LessThanOrEqualTo(stats.Lines));
            extractor.Extract(prefix, EndpointMetrics.None, DateTimeOffset.UnixEpoch);
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Parse_RandomBytes_NeverThrows(int seed)
    {
        // Arrange
        var random = new Random(seed);
        var sink = new RecordingSampleSink();
        var extractor = new MetricsExtractor(EngineMetricMappings.TritonTensorRtLlmMapping);
        var buffer = new byte[4096];

        // Act / Assert
        for (var i = 0; i < 500; i++)
        {
            var length = random.Next(buffer.Length);
            if (i % 2 == 0) random.NextBytes(buffer.AsSpan(0, length));
            else for (var j = 0; j < length; j++) buffer[j] = Alphabet[random.Next(Alphabet.Length)];

            Assert.DoesNotThrow(() =>
            {
                PrometheusTextParser.Parse(buffer.AsSpan(0, length), sink);
                extractor.Extract(buffer.AsSpan(0, length), EndpointMetrics.None, DateTimeOffset.UnixEpoch);
            });
        }
    }

    [TestCase(7)]
    [TestCase(8)]
    public void Parse_RealSampleWithRandomByteMutations_NeverThrows(int seed)
    {
        // Arrange
        var random = new Random(seed);
        var original = ExpositionSamples.Bytes(ExpositionSamples.VllmV0OpenMetrics);
        var sink = new RecordingSampleSink();
        var extractor = new MetricsExtractor(EngineMetricMappings.VllmMapping);

        // Act / Assert
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])original.Clone();
            for (var m = random.Next(1, 8); m > 0; m--)
            {
                mutated[random.Next(mutated.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
            }

            Assert.DoesNotThrow(() =>
            {
                PrometheusTextParser.Parse(mutated, sink);
                extractor.Extract(mutated, EndpointMetrics.None, DateTimeOffset.UnixEpoch);
            });
        }
    }
}
