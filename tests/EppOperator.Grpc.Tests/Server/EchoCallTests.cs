using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using Google.Protobuf;

namespace EppOperator.Grpc.Tests.Server;

/// <summary>Calls of every shape through the project's own client, over h2c and over TLS.</summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class EchoCallTests(bool tls)
{
    private EchoTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await EchoTestServer.StartAsync(tls);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task UnaryAsync_EchoRequest_ReturnsSameSequenceAndPayload()
    {
        // Arrange
        var request = new EchoRequest { Sequence = 42, Payload = ByteString.CopyFromUtf8("hello") };

        // Act
        var response = await _server.Channel.UnaryAsync(EchoService.UnaryPath, request, EchoResponse.Parser);

        // Assert
        Assert.That(response.Sequence, Is.EqualTo(42));
        Assert.That(response.Payload.ToStringUtf8(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task DuplexStreaming_PingPong_AnswersEveryMessageInOrderThenOk()
    {
        // Arrange
        using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);

        // Act
        for (var i = 1; i <= 500; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i, Payload = ByteString.CopyFrom(new byte[i % 50]) }, CancellationToken.None);
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True, $"no answer to message {i}");
            Assert.That(call.ResponseStream.Current.Sequence, Is.EqualTo(i));
            Assert.That(call.ResponseStream.Current.Payload.Length, Is.EqualTo(i % 50));
        }

        await call.RequestStream.CompleteAsync();
        var more = await call.ResponseStream.MoveNext(CancellationToken.None);

        // Assert
        Assert.That(more, Is.False);
        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
    }

    [Test]
    public async Task DuplexStreaming_ManyConcurrentStreams_AllCompleteOnOneChannel()
    {
        // Arrange: more streams than Kestrel's default per-connection limit of 100.
        const int Streams = 150;

        // Act
        var tasks = Enumerable.Range(0, Streams).Select(async s =>
        {
            using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);
            await call.RequestStream.WriteAsync(new EchoRequest { Sequence = s }, CancellationToken.None);
            var answered = await call.ResponseStream.MoveNext(CancellationToken.None) && call.ResponseStream.Current.Sequence == s;
            await call.RequestStream.CompleteAsync();
            await call.ResponseStream.MoveNext(CancellationToken.None);
            return answered && call.GetStatus().StatusCode == StatusCode.OK;
        });
        var results = await Task.WhenAll(tasks);

        // Assert
        Assert.That(results, Is.All.True);
    }
}
