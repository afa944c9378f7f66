using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Grpc.Tests.Infrastructure;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Grpc.Tests.Health;

/// <summary>grpc.health.v1 over the wire with the project's own client (the interop tests cover grpc-js and grpcio).</summary>
[TestFixture]
public sealed class HealthServiceTests
{
    private EchoTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await EchoTestServer.StartAsync(tls: false);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Check_KnownService_ReturnsItsStatus()
    {
        // Arrange
        _server.Health.SetStatus("svc.check", ServingStatus.NotServing);

        // Act
        var response = await _server.Channel.UnaryAsync(HealthService.CheckPath, new HealthCheckRequest { Service = "svc.check" }, HealthCheckResponse.Parser);

        // Assert
        Assert.That(response.Status, Is.EqualTo(ServingStatus.NotServing));
    }

    [Test]
    public void Check_UnknownService_NotFound()
    {
        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(HealthService.CheckPath, new HealthCheckRequest { Service = "svc.unknown" }, HealthCheckResponse.Parser));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }

    [Test]
    public async Task Watch_StatusChanges_EachChangePushedInOrder()
    {
        // Arrange
        const string Service = "svc.watch";
        _server.Health.SetStatus(Service, ServingStatus.Serving);
        using var call = _server.Channel.ServerStreaming(HealthService.WatchPath, new HealthCheckRequest { Service = Service }, HealthCheckResponse.Parser);
        var seen = new List<ServingStatus>();

        // Act
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        seen.Add(call.ResponseStream.Current.Status);
        _server.Health.SetStatus(Service, ServingStatus.NotServing);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        seen.Add(call.ResponseStream.Current.Status);
        _server.Health.ClearStatus(Service);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        seen.Add(call.ResponseStream.Current.Status);

        // Assert
        Assert.That(seen, Is.EqualTo(new[] { ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.ServiceUnknown }));
    }

    [Test]
    public async Task Watch_ClientCancels_WatcherRemoved()
    {
        // Arrange
        const string Service = "svc.cancel";
        var call = _server.Channel.ServerStreaming(HealthService.WatchPath, new HealthCheckRequest { Service = Service }, HealthCheckResponse.Parser);
        await call.ResponseStream.MoveNext(CancellationToken.None);
        Assert.That(_server.Health.WatcherCount(Service), Is.EqualTo(1));

        // Act
        call.Dispose();

        // Assert
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_server.Health.WatcherCount(Service) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(_server.Health.WatcherCount(Service), Is.Zero);
    }

    [Test]
    public async Task Watch_RegistryShutDown_NotServingThenStreamEndsOk()
    {
        // Arrange: a server of its own, since shutting the registry down is final.
        await using var server = await EchoTestServer.StartAsync(tls: false);
        using var call = server.Channel.ServerStreaming(HealthService.WatchPath, new HealthCheckRequest(), HealthCheckResponse.Parser);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        Assert.That(call.ResponseStream.Current.Status, Is.EqualTo(ServingStatus.Serving));

        // Act
        server.Health.Shutdown();
        var notServing = await call.ResponseStream.MoveNext(CancellationToken.None) ? call.ResponseStream.Current.Status : ServingStatus.Unknown;
        var more = await call.ResponseStream.MoveNext(CancellationToken.None);

        // Assert
        Assert.That(notServing, Is.EqualTo(ServingStatus.NotServing));
        Assert.That(more, Is.False);
        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
    }
}
