using System.IO.Pipelines;
using System.Net;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class EndpointScrapeStateTests
{
    [TestCase(4096, 4096, true, 4096)]
    [TestCase(4097, 4096, true, -1)]
    [TestCase(4096, 4096, false, 4096)]
    [TestCase(4097, 4096, false, -1)]
    [TestCase(100_000, 1 << 20, false, 100_000)]
    [TestCase(0, 4096, true, 0)]
    public async Task ReadBodyAsync_BodyAroundTheLimit_ReadsItOrRejectsIt(int bodyBytes, int maxBytes, bool declaredLength, int expected)
    {
        // Arrange
        using var state = new EndpointScrapeState(
            new Endpoint(new EndpointSpec("pod-0-rank-0", IPAddress.Loopback, 8000)), new Uri("http://127.0.0.1:8000/metrics"),
            new MetricsExtractor(EngineMetricMappings.VllmMapping), DateTimeOffset.UnixEpoch);
        var body = new byte[bodyBytes];
        new Random(bodyBytes).NextBytes(body);
        using var content = declaredLength ? new ByteArrayContent(body) : await UndeclaredAsync(body);

        // Act
        var length = await state.ReadBodyAsync(content, maxBytes, CancellationToken.None);

        // Assert
        Assert.That(length, Is.EqualTo(expected));
        if (length > 0) Assert.That(state.Body(length).SequenceEqual(body), Is.True);
    }

    /// <summary>Content read from a pipe, so no length is known up front (as with a chunked response).</summary>
    private static async Task<HttpContent> UndeclaredAsync(byte[] body)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await pipe.Writer.WriteAsync(body);
        await pipe.Writer.CompleteAsync();
        return new StreamContent(pipe.Reader.AsStream());
    }
}
