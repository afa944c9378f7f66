using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using Google.Protobuf;

namespace EppOperator.Grpc.Tests.Server;

/// <summary>How handler outcomes become statuses, and the transport's guards around handlers.</summary>
[TestFixture]
public sealed class ServerCallBehaviourTests
{
    private static readonly byte[] Request = RawGrpcClient.Frame(new EchoRequest { Sequence = 1 }.ToByteArray());

    private BehaviourService _behaviour = null!;
    private GrpcServer _server = null!;
    private GrpcServer _detailedServer = null!;
    private GrpcChannel _channel = null!;
    private RawGrpcClient _raw = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _behaviour = new BehaviourService();
        var registry = new GrpcMethodRegistry();
        _behaviour.Register(registry);
        new EchoService(new CallProbe()).Register(registry);
        _server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(), new GrpcServerOptions { MaxSendMessageSize = 8 * 1024 * 1024 });
        _detailedServer = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(), new GrpcServerOptions { EnableDetailedErrors = true, MaxSendMessageSize = 100 });
        _channel = GrpcChannel.ForAddress(_server.Address);
        _raw = new RawGrpcClient(_server.Address);
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        _channel.Dispose();
        _raw.Dispose();
        await _server.DisposeAsync();
        await _detailedServer.DisposeAsync();
    }

    [Test]
    public async Task Handler_ThrowsRpcExceptionBeforeWriting_StatusAndEncodedDetailTrailersOnly()
    {
        // Act
        var response = await _raw.PostAsync(BehaviourService.ThrowRpc, Request);

        // Assert
        Assert.That(response.IsTrailersOnly, Is.True, response.ToString());
        Assert.That(response.GrpcStatus, Is.EqualTo("5"));
        Assert.That(response.GrpcMessage, Is.EqualTo("missing %C3%BC 100%25"));
    }

    [Test]
    public async Task Handler_ThrowsRpcException_ClientDecodesStatus()
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(BehaviourService.ThrowRpc, new EchoRequest(), EchoResponse.Parser));

        // Assert
        Assert.That(error!.Status, Is.EqualTo(new Status(StatusCode.NotFound, BehaviourService.RpcDetail)));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Handler_ThrowsAfterWriting_StatusInTrailers()
    {
        // Act
        var response = await _raw.PostAsync(BehaviourService.WriteThenThrow, Request);

        // Assert
        Assert.That(response.IsTrailersOnly, Is.False, response.ToString());
        Assert.That(response.Trailers["grpc-status"], Is.EqualTo("10"));
        Assert.That(response.Trailers["grpc-message"], Is.EqualTo("after one"));
        Assert.That(response.Body.Length, Is.EqualTo(5 + new EchoResponse { Sequence = 1 }.CalculateSize()));
    }

    [Test]
    public async Task Handler_ThrowsOtherException_UnknownWithoutDetails()
    {
        // Act
        var response = await _raw.PostAsync(BehaviourService.Crash, Request);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("2"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Exception was thrown by handler."));
    }

    [Test]
    public async Task Handler_ThrowsWithDetailedErrors_MessageIncludesException()
    {
        // Arrange
        using var raw = new RawGrpcClient(_detailedServer.Address);

        // Act
        var response = await raw.PostAsync(BehaviourService.Crash, Request);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("2"), response.ToString());
        Assert.That(response.GrpcMessage, Does.Contain("InvalidOperationException").And.Contain(BehaviourService.CrashDetail));
    }

    [Test]
    public async Task Writer_SecondWriteBeforeFirstCompletes_InvalidOperation()
    {
        // Act
        var response = await _raw.PostAsync(BehaviourService.ConcurrentWrites, Request);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("0"), response.ToString());
        Assert.That(_behaviour.Events, Does.Contain("Can't write the message because the previous write is in progress."));
    }

    [Test]
    public async Task Writer_UsedAfterHandlerReturned_InvalidOperation()
    {
        // Arrange
        await _raw.PostAsync(BehaviourService.KeepWriter, Request);

        // Act
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await _behaviour.KeptWriter!.WriteAsync(new EchoResponse(), CancellationToken.None));

        // Assert
        Assert.That(error!.Message, Is.EqualTo("Can't write the message because the request is complete."));
    }

    [Test]
    public async Task Writer_MessageOverSendLimit_ResourceExhausted()
    {
        // Arrange
        using var channel = GrpcChannel.ForAddress(_detailedServer.Address);
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) };

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.UnaryPath, request, EchoResponse.Parser));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(error.Status.Detail, Is.EqualTo("Sending message exceeds the maximum configured message size."));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Context_RequestMetadata_TransportHeadersFilteredPeerAndMethodSet()
    {
        // Arrange
        var headers = new Dictionary<string, string> { ["x-custom"] = "value", ["grpc-timeout"] = "100S" };

        // Act
        var response = await _channel.UnaryAsync(BehaviourService.Metadata, new EchoRequest(), EchoResponse.Parser, new CallOptions(Headers: headers));
        var lines = response.Payload.ToStringUtf8().Split('\n');

        // Assert
        Assert.That(lines, Does.Contain("x-custom=value"));
        Assert.That(lines.Where(l => l.StartsWith("te=", StringComparison.Ordinal) || l.StartsWith("content-type=", StringComparison.Ordinal)
            || l.StartsWith("grpc-timeout=", StringComparison.Ordinal) || l.StartsWith(':')), Is.Empty);
        Assert.That(lines, Does.Contain($"@method={BehaviourService.Metadata}"));
        Assert.That(lines.Single(l => l.StartsWith("@peer=", StringComparison.Ordinal)), Does.StartWith("@peer=ipv4:127.0.0.1:"));
        Assert.That(lines.Single(l => l.StartsWith("@deadline=", StringComparison.Ordinal)), Is.Not.EqualTo($"@deadline={DateTime.MaxValue:o}"));
    }

    [Test]
    public async Task Deadline_HandlerStillWaiting_DeadlineExceededTrailersOnlyAndHandlerCancelled()
    {
        // Arrange: no client-side deadline, so only the server can end the call.
        _behaviour.ResetCancelled();
        var headers = new Dictionary<string, string> { ["grpc-timeout"] = "200m" };

        // Act
        var response = await _raw.PostAsync(BehaviourService.WaitForCancel, Request, headers: headers);
        var cancelled = await _behaviour.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("4"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Deadline Exceeded"));
        Assert.That(response.IsTrailersOnly, Is.True);
        Assert.That(cancelled.Deadline, Is.LessThan(DateTime.MaxValue));
    }

    [Test]
    public async Task Deadline_AfterAMessage_DeadlineExceededInTrailers()
    {
        // Arrange
        _behaviour.ResetCancelled();
        var headers = new Dictionary<string, string> { ["grpc-timeout"] = "200m" };

        // Act
        var response = await _raw.PostAsync(BehaviourService.WriteThenWaitForCancel, Request, headers: headers);

        // Assert
        Assert.That(response.Trailers.GetValueOrDefault("grpc-status"), Is.EqualTo("4"), response.ToString());
        Assert.That(response.Body.Length, Is.GreaterThan(5));
    }

    [TestCase("0S")]
    [TestCase("garbage")]
    public async Task Deadline_InvalidOrZeroTimeout_Ignored(string timeout)
    {
        // Arrange
        var headers = new Dictionary<string, string> { ["grpc-timeout"] = timeout };

        // Act
        var response = await _channel.UnaryAsync(BehaviourService.Metadata, new EchoRequest(), EchoResponse.Parser, new CallOptions(Headers: headers));

        // Assert
        Assert.That(response.Payload.ToStringUtf8(), Does.Contain($"@deadline={DateTime.MaxValue:o}"));
    }
}
