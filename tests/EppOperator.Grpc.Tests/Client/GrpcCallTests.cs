using System.Net;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Tls;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EppOperator.Grpc.Tests.Client;

/// <summary>The client's deadlines, cancellation, limits and reading of non-gRPC answers.</summary>
[TestFixture]
public sealed class GrpcCallTests
{
    private EchoTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await EchoTestServer.StartAsync(tls: false);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task UnaryAsync_DeadlinePassesWhileServerWorks_DeadlineExceededAndServerCancelled()
    {
        // Arrange
        var tag = Guid.NewGuid().ToString("N");
        var request = new EchoRequest { DelayMs = 30_000, Tag = tag };

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(EchoService.UnaryPath, request, EchoResponse.Parser, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300))));
        var observed = await _server.Probe.WaitAsync(tag, TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(observed?.Cancelled, Is.True);
    }

    [Test]
    public void UnaryAsync_DeadlineAlreadyPassed_DeadlineExceededWithoutSending()
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
    }

    [Test]
    public async Task DuplexStreaming_TokenCancelledMidStream_CancelledAndServerObservesIt()
    {
        // Arrange
        var tag = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser, new CallOptions(CancellationToken: cancellation.Token));
        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1, Tag = tag }, CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        // Act
        await cancellation.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));
        var observed = await _server.Probe.WaitAsync(tag, TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.Cancelled));
        Assert.That(observed?.Cancelled, Is.True, "the server never saw the stream reset");
    }

    [Test]
    public async Task DuplexStreaming_DisposedMidStream_ServerObservesCancellation()
    {
        // Arrange
        var tag = Guid.NewGuid().ToString("N");
        var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);
        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1, Tag = tag }, CancellationToken.None);
        await call.ResponseStream.MoveNext(CancellationToken.None);

        // Act
        call.Dispose();
        var observed = await _server.Probe.WaitAsync(tag, TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(observed?.Cancelled, Is.True);
    }

    [Test]
    public async Task DuplexStreaming_WriteAfterComplete_InvalidOperation()
    {
        // Arrange
        using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);
        await call.RequestStream.CompleteAsync();

        // Act
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await call.RequestStream.WriteAsync(new EchoRequest(), CancellationToken.None));

        // Assert
        Assert.That(error!.Message, Does.Contain("complete"));
    }

    [Test]
    public async Task MoveNext_AfterStreamEnded_KeepsReturningFalse()
    {
        // Arrange
        using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);
        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1 }, CancellationToken.None);
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        // Act
        var first = await call.ResponseStream.MoveNext(CancellationToken.None);
        var second = await call.ResponseStream.MoveNext(CancellationToken.None);

        // Assert
        Assert.That(first, Is.False);
        Assert.That(second, Is.False);
        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
    }

    [Test]
    public void GetStatus_CallRunning_InvalidOperation()
    {
        // Arrange
        using var call = _server.Channel.DuplexStreaming<EchoRequest, EchoResponse>(EchoService.ChatPath, EchoResponse.Parser);

        // Act + Assert
        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
    }

    [Test]
    public void UnaryAsync_ResponseOverClientLimit_ResourceExhausted()
    {
        // Arrange
        using var channel = _server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[4096]) };

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.UnaryPath, request, EchoResponse.Parser));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public void UnaryAsync_NothingListening_Unavailable()
    {
        // Arrange
        using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{Testing.Net.FreePort.Next()}"));

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
    }

    [Test]
    public async Task UnaryAsync_TlsServerWithUntrustedCertificate_Unavailable()
    {
        // Arrange
        await using var tlsServer = await EchoTestServer.StartAsync(tls: true);
        using var otherCa = CertificateAuthority.Create("other CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var channel = tlsServer.CreateChannel(new GrpcChannelOptions { TrustedCertificateAuthority = otherCa.Certificate });

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
    }

    [TestCase(400, 13)]
    [TestCase(401, 16)]
    [TestCase(403, 7)]
    [TestCase(404, 12)]
    [TestCase(429, 14)]
    [TestCase(502, 14)]
    [TestCase(503, 14)]
    [TestCase(504, 14)]
    [TestCase(500, 2)]
    public void FromHttpStatus_NonGrpcAnswer_MappedAsGrpcSpecifies(int httpStatus, int expected)
    {
        // Act
        var code = GrpcClientStatus.FromHttpStatus((HttpStatusCode)httpStatus);

        // Assert
        Assert.That((int)code, Is.EqualTo(expected));
    }

    [TestCase(503, null, null, 14)]
    [TestCase(503, "application/grpc", "8", 8)]
    [TestCase(200, "text/html", null, 1)]
    public async Task UnaryAsync_PlainHttpServer_StatusFromHttpUnlessGrpcStatusSent(int httpStatus, string? contentType, string? grpcStatus, int expected)
    {
        // Arrange: an HTTP/2 server that is not gRPC (a proxy error page, say).
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = httpStatus;
            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            if (grpcStatus is not null)
            {
                context.Response.Headers["grpc-status"] = grpcStatus;
            }

            return context.Response.WriteAsync("not grpc");
        });
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(new Uri(app.Urls.First()));

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser));

        // Assert
        Assert.That((int)error!.StatusCode, Is.EqualTo(expected), error.Status.Detail);
        await app.StopAsync();
    }
}
