using System.Net;
using System.Net.Sockets;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using Google.Protobuf;

namespace EppOperator.Grpc.Tests.Server;

/// <summary>
/// Malformed requests get their documented status and never take the server down: after every test a normal call
/// on a fresh connection must still succeed.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    private static readonly byte[] ValidRequest = new EchoRequest { Sequence = 7, Payload = ByteString.CopyFromUtf8("ok") }.ToByteArray();

    private EchoTestServer _h2c = null!;
    private EchoTestServer _tls = null!;
    private RawGrpcClient _raw = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _h2c = await EchoTestServer.StartAsync(tls: false);
        _tls = await EchoTestServer.StartAsync(tls: true);
        _raw = new RawGrpcClient(_h2c.Server.Address);
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        _raw.Dispose();
        await _h2c.DisposeAsync();
        await _tls.DisposeAsync();
    }

    [TearDown]
    public async Task ServerStillServes()
    {
        foreach (var server in new[] { _h2c, _tls })
        {
            using var channel = server.CreateChannel();
            var response = await channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest { Sequence = 1 }, EchoResponse.Parser);
            Assert.That(response.Sequence, Is.EqualTo(1), "the server stopped serving after bad input");
        }
    }

    [TestCase(new byte[] { 0x00, 0x00, 0x00 })] // the flag and two of the four length bytes
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x0A, 0x08, 0x01 })] // length 10, but only 2 payload bytes
    [TestCase(new byte[0])] // no message at all for a unary method
    public async Task Post_StreamEndsInsideOrBeforeFrame_InternalIncompleteMessage(byte[] body)
    {
        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
        Assert.That(response.GrpcMessage, Is.EqualTo("Incomplete message."));
        Assert.That(response.IsTrailersOnly, Is.True);
    }

    [TestCase((byte)0x02, null, "Unexpected compressed flag value in message header.")]
    [TestCase((byte)0x01, null, "Request did not include grpc-encoding value with compressed message.")]
    [TestCase((byte)0x01, "identity", "Request sent 'identity' grpc-encoding value with compressed message.")]
    public async Task Post_UnusableCompressedFlag_InternalWithReason(byte compressedFlag, string? encoding, string expectedMessage)
    {
        // Arrange
        var body = RawGrpcClient.Frame(ValidRequest, compressedFlag);
        var headers = encoding is null ? null : new Dictionary<string, string> { ["grpc-encoding"] = encoding };

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body, headers: headers);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo(expectedMessage));
    }

    [Test]
    public async Task Post_CompressedWithUnsupportedEncoding_UnimplementedAndAcceptEncoding()
    {
        // Arrange
        var body = RawGrpcClient.Frame(ValidRequest, compressedFlag: 0x01);
        var headers = new Dictionary<string, string> { ["grpc-encoding"] = "br" };

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body, headers: headers);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("12"), response.ToString());
        Assert.That(response.GrpcMessage, Does.Contain("'br'"));
        Assert.That(response.Headers["grpc-accept-encoding"], Is.EqualTo("identity,gzip"));
    }

    [Test]
    public async Task Post_GzipCompressedMessage_Echoed()
    {
        // Arrange
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(ValidRequest);
        }

        var body = RawGrpcClient.Frame(compressed.ToArray(), compressedFlag: 0x01);
        var headers = new Dictionary<string, string> { ["grpc-encoding"] = "gzip" };

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body, headers: headers);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("0"), response.ToString());
        Assert.That(EchoResponse.Parser.ParseFrom(response.Body.AsSpan(5)).Sequence, Is.EqualTo(7));
    }

    [Test]
    public async Task Post_PayloadNotProtobuf_InternalDeserializationFailed()
    {
        // Arrange
        var body = RawGrpcClient.Frame(
        [
            0x0A, // field 1, length-delimited (the echo request has no such string field at 1: it is a varint)
            0xFF, // a length that runs past the end
        ]);

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Failed to deserialize message."));
    }

    [Test]
    public async Task Post_TwoMessagesToUnaryMethod_InternalAdditionalData()
    {
        // Arrange
        var body = RawGrpcClient.Frame(ValidRequest).Concat(RawGrpcClient.Frame(ValidRequest)).ToArray();

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, body);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("13"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Additional data after the message received."));
    }

    [Test]
    public async Task Post_BadFrameAfterValidMessageOnStream_FirstEchoedThenStatusInTrailers()
    {
        // Arrange
        var body = RawGrpcClient.Frame(ValidRequest).Concat(RawGrpcClient.Frame(ValidRequest, compressedFlag: 0x07)).ToArray();

        // Act
        var response = await _raw.PostAsync(EchoService.ChatPath, body);

        // Assert: the response had started, so the status must come as trailers, not Trailers-Only.
        Assert.That(EchoResponse.Parser.ParseFrom(response.Body.AsSpan(5)).Sequence, Is.EqualTo(7), response.ToString());
        Assert.That(response.Trailers["grpc-status"], Is.EqualTo("13"));
        Assert.That(response.Headers.ContainsKey("grpc-status"), Is.False);
    }

    [Test]
    public async Task Post_MessageOverLimitOnStream_ResourceExhausted()
    {
        // Arrange: only the prefix announces 5 MiB; the server must refuse on the prefix alone.
        var body = new byte[]
        {
            0x00, // compressed flag = 0
            0x00, 0x50, 0x00, 0x00, // length = 5 MiB
            0x08, 0x01, // a few bytes of the promised payload
        };

        // Act
        var response = await _raw.PostAsync(EchoService.ChatPath, body);

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("8"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Received message exceeds the maximum configured message size."));
    }

    [TestCase("application/json")]
    [TestCase("application/grpc-web")]
    [TestCase(null)]
    public async Task Post_NotGrpcContentType_415WithInternalStatus(string? contentType)
    {
        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, RawGrpcClient.Frame(ValidRequest), contentType);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), response.ToString());
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
        Assert.That(response.GrpcMessage, Does.Contain("Content-Type"));
    }

    [Test]
    public async Task Get_GrpcContentType_405AllowPost()
    {
        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, RawGrpcClient.Frame(ValidRequest), method: HttpMethod.Get);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), response.ToString());
        Assert.That(response.Headers["allow"], Is.EqualTo("POST"));
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
    }

    [Test]
    public async Task Options_CorsPreflight_405AllowPost()
    {
        // Arrange
        var headers = new Dictionary<string, string> { ["Access-Control-Request-Method"] = "POST", ["Origin"] = "https://example.test" };

        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, [], contentType: null, headers: headers, method: HttpMethod.Options);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), response.ToString());
        Assert.That(response.Headers["allow"], Is.EqualTo("POST"));
        Assert.That(response.GrpcMessage, Does.Contain("CORS preflight"));
    }

    [Test]
    public async Task Post_Http11OverTls_426UpgradeWithInternalStatus()
    {
        // Arrange
        using var raw = new RawGrpcClient(_tls.Server.Address, _tls.Ca!.Certificate);

        // Act
        var response = await raw.PostAsync(EchoService.UnaryPath, RawGrpcClient.Frame(ValidRequest), version: HttpVersion.Version11);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UpgradeRequired), response.ToString());
        Assert.That(response.Headers["upgrade"], Is.EqualTo("HTTP/2"));
        Assert.That(response.GrpcStatus, Is.EqualTo("13"));
        Assert.That(response.GrpcMessage, Is.EqualTo("Request protocol 'HTTP/1.1' is not supported."));
    }

    [Test]
    public async Task Post_Http11ToCleartextHttp2Port_RejectedByKestrel()
    {
        // Act
        var response = await _raw.PostAsync(EchoService.UnaryPath, RawGrpcClient.Frame(ValidRequest), version: HttpVersion.Version11);

        // Assert: an h2c-only listener cannot run HTTP/1.1 at all; Kestrel answers before any handler.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
    }

    [Test]
    public async Task Post_UnknownMethodOfKnownService_UnimplementedTrailersOnly()
    {
        // Act
        var response = await _raw.PostAsync("/eppoperator.interop.v1.Echo/Missing", RawGrpcClient.Frame(ValidRequest));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Headers["content-type"], Is.EqualTo("application/grpc"));
        Assert.That(response.GrpcStatus, Is.EqualTo("12"));
        Assert.That(response.GrpcMessage, Is.EqualTo("Method is unimplemented."));
        Assert.That(response.IsTrailersOnly, Is.True);
    }

    [Test]
    public async Task Post_UnknownService_UnimplementedService()
    {
        // Act
        var response = await _raw.PostAsync("/no.such.Service/Method", RawGrpcClient.Frame(ValidRequest));

        // Assert
        Assert.That(response.GrpcStatus, Is.EqualTo("12"), response.ToString());
        Assert.That(response.GrpcMessage, Is.EqualTo("Service is unimplemented."));
    }

    [Test]
    public async Task Post_NonGrpcRequestToUnknownPath_404()
    {
        // Act
        var response = await _raw.PostAsync("/metrics", [], contentType: "text/plain");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), response.ToString());
    }

    [Test]
    public async Task Socket_GarbageBytes_ConnectionClosedServerAlive()
    {
        // Arrange
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _h2c.Server.Port);
        var garbage = new byte[4096];
        new Random(1).NextBytes(garbage);

        // Act
        await socket.SendAsync(garbage);
        var received = await ReadUntilClosedAsync(socket);

        // Assert
        Assert.That(received, Is.Not.Null, "the server should drop a connection that does not speak HTTP/2");
    }

    [Test]
    public async Task Socket_Http2PrefaceThenOversizedSettingsFrame_GoAwayServerAlive()
    {
        // Arrange
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _h2c.Server.Port);
        var preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
        var badSettings = new byte[]
        {
            0x00, 0x00, 0x05, // length = 5, not a multiple of 6: FRAME_SIZE_ERROR
            0x04, // type = SETTINGS
            0x00, // flags
            0x00, 0x00, 0x00, 0x00, // stream 0
            0x00, 0x01, 0x00, 0x00, 0x00, // five bytes of payload
        };

        // Act
        await socket.SendAsync(preface.Concat(badSettings).ToArray());
        var received = await ReadUntilClosedAsync(socket);

        // Assert: somewhere in what the server sent before closing is a GOAWAY frame (type 7).
        Assert.That(received, Is.Not.Null, "the server kept the bad connection open");
        Assert.That(ContainsFrameType(received!, 0x07), Is.True, $"no GOAWAY in {received!.Length} bytes");
    }

    /// <summary>Everything the server sent until it closed the connection; null if it was still open after 15 s.</summary>
    private static async Task<byte[]?> ReadUntilClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[16 * 1024];
        using var all = new MemoryStream();
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                all.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset also means the server closed the connection.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }

        return all.ToArray();
    }

    private static bool ContainsFrameType(byte[] received, byte type)
    {
        // Walk the server's frames: 3-byte length, type, flags, 4-byte stream id, payload.
        var offset = 0;
        while (offset + 9 <= received.Length)
        {
            var length = (received[offset] << 16) | (received[offset + 1] << 8) | received[offset + 2];
            if (received[offset + 3] == type)
            {
                return true;
            }

            offset += 9 + length;
        }

        return false;
    }
}
