using EppOperator.Epp.Grpc.Server;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using EppOperator.Testing.Logging;

namespace EppOperator.Grpc.Tests.Server;

/// <summary>Rejections and failures are logged as structured events through the host's logger factory, without bodies.</summary>
[TestFixture]
public sealed class GrpcServerLogTests
{
    private const string BodyMarker = "BODY-MARKER-4711";

    private LogCapture _logs = null!;
    private ILoggerFactory _loggerFactory = null!;
    private GrpcServer _server = null!;
    private RawGrpcClient _raw = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _logs = new LogCapture();
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        var registry = new GrpcMethodRegistry();
        new BehaviourService().Register(registry);
        _server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(), loggerFactory: _loggerFactory);
        _raw = new RawGrpcClient(_server.Address);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _raw.Dispose();
        await _server.DisposeAsync();
        _loggerFactory.Dispose();
        _logs.Dispose();
    }

    [Test]
    public async Task UnknownMethod_Logged_InformationEventMethodUnimplemented()
    {
        // Act
        await _raw.PostAsync("/no.such.Service/Method", RawGrpcClient.Frame([]));

        // Assert
        var entry = _logs.Entries.FirstOrDefault(e => e.EventId.Name == "MethodUnimplemented");
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.EventId.Id, Is.EqualTo(4));
        Assert.That(entry.Message, Does.Contain("/no.such.Service/Method"));
        Assert.That(entry.Category, Is.EqualTo(GrpcKestrelExtensions.LoggerCategory));
    }

    [Test]
    public async Task HandlerCrash_Logged_ErrorWithExceptionButNoRequestBody()
    {
        // Arrange
        var request = new EchoRequest { Payload = ByteString.CopyFromUtf8(BodyMarker), Tag = BodyMarker };

        // Act
        await _raw.PostAsync(BehaviourService.Crash, RawGrpcClient.Frame(request.ToByteArray()));

        // Assert
        var entry = _logs.Entries.FirstOrDefault(e => e.EventId.Name == "ErrorExecutingServiceMethod");
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(entry.Exception, Is.TypeOf<InvalidOperationException>());
        Assert.That(_logs.Entries.Where(e => e.Message.Contains(BodyMarker, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task OversizedMessage_Logged_InformationInvalidRequestMessage()
    {
        // Arrange
        var body = new byte[]
        {
            0x00, // compressed flag = 0
            0x7F, 0x00, 0x00, 0x00, // length = 2 GiB
        };

        // Act
        await _raw.PostAsync(BehaviourService.Crash, body);

        // Assert
        var entry = _logs.Entries.FirstOrDefault(e => e.EventId.Name == "InvalidRequestMessage");
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Message, Does.Contain("ResourceExhausted"));
    }

    [Test]
    public void Start_Logged_ListeningAddressAndTransport()
    {
        // Assert
        var entry = _logs.Entries.FirstOrDefault(e => e.EventId.Name == "ServerListening");
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Message, Does.Contain(_server.Address.ToString()).And.Contain("h2c"));
    }
}
