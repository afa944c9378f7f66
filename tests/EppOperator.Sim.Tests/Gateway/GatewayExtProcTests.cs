using System.Net;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Gateway;
using EppOperator.Sim.Tests.Serve;
using EppOperator.Sim.Tests.Gateway.Support;
using EppOperator.Testing.Net;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using BodySendMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace EppOperator.Sim.Tests.Gateway;

/// <summary>
/// The gateway's side of the ext_proc protocol, against a scripted EPP over real gRPC and simulated pods in this
/// process: what it sends, how it applies answers, where requests go, and how it fails.
/// </summary>
[NonParallelizable]
public class GatewayExtProcTests
{
    private SimPods _pods = null!;
    private ScriptedEpp _epp = null!;
    private readonly List<IAsyncDisposable> _gateways = [];

    [OneTimeSetUp]
    public async Task StartPodsAndEpp()
    {
        _pods = await SimPods.StartAsync(2);
        _epp = await ScriptedEpp.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _epp.DisposeAsync();
        await _pods.DisposeAsync();
    }

    [SetUp]
    public void ClearExchanges() => _epp.Exchanges.Clear();

    [TearDown]
    public async Task StopGateways()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        _gateways.Clear();
    }

    private string Pod(int index) => _pods.Endpoints[index];

    private async Task<HttpClient> StartGatewayAsync(bool failOpen = false, double timeoutSeconds = 10, string? pool = null, Uri? epp = null, bool withEpp = true)
    {
        var server = await GatewayServer.StartAsync(new GatewayOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            AdminPort = 0,
            Pool = EndpointPool.TryParse(pool ?? string.Join(',', _pods.Endpoints), out _)!,
            EppAddress = withEpp ? epp ?? _epp.Address : null,
            FailOpen = failOpen,
            EppTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            LogLevel = LogLevel.Warning,
        }, TimeProvider.System, CancellationToken.None);
        _gateways.Add(server);
        var handler = new SocketsHttpHandler();
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    [Test]
    public async Task RequestHeaders_ChatRequest_SentAsEnvoyDoes()
    {
        _epp.Script = e => e.RouteAndEchoAsync(Pod(1));
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(), ("X-Custom", "Value")));

        var first = _epp.Exchanges.Single().Received[0];
        var headers = first.RequestHeaders.Headers.Headers;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.RequestHeaders.EndOfStream, Is.False);
        Assert.That(first.ProtocolConfig.RequestBodyMode, Is.EqualTo(BodySendMode.FullDuplexStreamed));
        Assert.That(first.ProtocolConfig.ResponseBodyMode, Is.EqualTo(BodySendMode.FullDuplexStreamed));
        Assert.That(headers.Select(h => h.Key), Has.None.Matches<string>(k => k.Any(char.IsAsciiLetterUpper)));
        Assert.That(headers, Has.All.Matches<HeaderValue>(h => h.Value.Length == 0));
        var map = headers.ToDictionary(h => h.Key, h => h.RawValue.ToStringUtf8());
        Assert.That(map[":method"], Is.EqualTo("POST"));
        Assert.That(map[":path"], Is.EqualTo("/v1/chat/completions"));
        Assert.That(map[":scheme"], Is.EqualTo("http"));
        Assert.That(map[":authority"], Is.EqualTo(client.BaseAddress!.Authority));
        Assert.That(map["x-custom"], Is.EqualTo("Value"));
        Assert.That(map["content-type"], Does.StartWith("application/json"));
        Assert.That(map, Does.ContainKey("x-request-id"));
        Assert.That(map, Does.Not.ContainKey("host"));
    }

    [Test]
    public async Task RequestBody_ChatRequest_ChunksCarryTheBodyAndOnlyTheLastEndsTheStream()
    {
        _epp.Script = e => e.RouteAndEchoAsync(Pod(0));
        using var client = await StartGatewayAsync();
        var body = ChatRequests.Body();

        using var response = await client.SendAsync(ChatRequests.Post(body));

        var bodies = _epp.Exchanges.Single().Received.Where(m => m.RequestBody is not null).Select(m => m.RequestBody).ToList();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Encoding.UTF8.GetString([.. bodies.SelectMany(b => b.Body.ToByteArray())]), Is.EqualTo(body));
        Assert.That(bodies.Select(b => b.EndOfStream), Is.EqualTo(bodies.Select((_, i) => i == bodies.Count - 1)));
        Assert.That(_epp.Exchanges.Single().Received.Skip(1).Select(m => m.ProtocolConfig), Has.All.Null);
    }

    [Test]
    public async Task ResponseMessages_StreamedResponse_CarryTheServedEndpointAndEndWithEndOfStream()
    {
        _epp.Script = e => e.RouteAndEchoAsync(Pod(1));
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(maxTokens: 6, stream: true)));
        var text = await response.Content.ReadAsStringAsync();

        var received = _epp.Exchanges.Single().Received;
        var responseMessages = received.Where(m => m.ResponseHeaders is not null || m.ResponseBody is not null).ToList();
        var responseHeaders = responseMessages[0].ResponseHeaders.Headers.Headers.ToDictionary(h => h.Key, h => h.RawValue.ToStringUtf8());
        Assert.That(responseHeaders[":status"], Is.EqualTo("200"));
        Assert.That(responseHeaders["content-type"], Does.StartWith("text/event-stream"));
        Assert.That(responseMessages.Select(ScriptedExchange.ServedEndpoint), Has.All.EqualTo(Pod(1)));
        Assert.That(responseMessages[^1].ResponseBody.EndOfStream, Is.True);
        Assert.That(ChatRequests.Pod(response), Is.EqualTo("pod-1"));
        Assert.That(response.Headers.GetValues(RequestHeaderNames.ConformanceServedEndpoint), Is.EqualTo(new[] { Pod(1) }), "the EPP's response-header mutation was applied");
        Assert.That(text, Does.EndWith("data: [DONE]\n\n"));
    }

    [Test]
    public async Task RequestBody_EppReplacesTheBody_UpstreamGetsTheEppsBody()
    {
        _epp.Script = async e =>
        {
            await e.ReadRequestAsync();
            await e.RouteAsync(Pod(0), Encoding.UTF8.GetBytes(ChatRequests.Body(model: "model-the-pod-does-not-serve")));
            await e.EchoResponseAsync();
        };
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(text, Does.Contain("model-the-pod-does-not-serve"));
    }

    [Test]
    public async Task Destination_OutsideThePool_NeverContactedAndFallbackServes()
    {
        using var forged = new CountingListener();
        _epp.Script = e => e.RouteAndEchoAsync(forged.Endpoint);
        using var client = await StartGatewayAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(forged.Connections, Is.Zero);
    }

    [Test]
    public async Task Destination_MetadataAndHeaderDiffer_MetadataWins()
    {
        _epp.Script = async e =>
        {
            var body = await e.ReadRequestAsync();
            var answer = ExtProcResponses.RouteHeaders(Pod(1), body.Length, null);
            answer.RequestHeaders.Response.HeaderMutation.SetHeaders[0].Header.RawValue = ByteString.CopyFromUtf8(Pod(0));
            await e.WriteAsync(answer);
            await e.WriteAsync(ExtProcResponses.StreamedRequestBody(ByteString.CopyFrom(body), endOfStream: true));
            await e.EchoResponseAsync();
        };
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(ChatRequests.Pod(response), Is.EqualTo("pod-1"));
    }

    [Test]
    public async Task Destination_HeaderOnly_IsUsedWhenMetadataIsMissing()
    {
        _epp.Script = async e =>
        {
            var body = await e.ReadRequestAsync();
            var answer = ExtProcResponses.RouteHeaders(Pod(1), body.Length, null);
            answer.DynamicMetadata = null;
            await e.WriteAsync(answer);
            await e.WriteAsync(ExtProcResponses.StreamedRequestBody(ByteString.CopyFrom(body), endOfStream: true));
            await e.EchoResponseAsync();
        };
        using var client = await StartGatewayAsync();

        using var first = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));
        using var second = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(new[] { ChatRequests.Pod(first), ChatRequests.Pod(second) }, Has.All.EqualTo("pod-1"));
    }

    [Test]
    public async Task Destination_FirstEntryRefusesConnections_NextEntryServes()
    {
        var dead = $"127.0.0.1:{FreePort.Next()}";
        _epp.Script = e => e.RouteAndEchoAsync($"{dead},{Pod(1)}");
        using var client = await StartGatewayAsync(pool: $"{dead},{Pod(0)},{Pod(1)}");

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ChatRequests.Pod(response), Is.EqualTo("pod-1"));
        Assert.That(ScriptedExchange.ServedEndpoint(_epp.Exchanges.Single().Received.First(m => m.ResponseHeaders is not null)), Is.EqualTo(Pod(1)));
    }

    [Test]
    public async Task ImmediateResponse_FromEpp_ReturnedToTheClientAsIs()
    {
        _epp.Script = async e =>
        {
            await e.ReadRequestAsync();
            var immediate = ExtProcResponses.Immediate(new InferenceError(InferenceErrorCode.ResourceExhausted, "system saturated, sheddable request dropped"));
            immediate.ImmediateResponse.Headers = new HeaderMutation { SetHeaders = { new HeaderValueOption { Header = new HeaderValue { Key = "x-dropped", RawValue = ByteString.CopyFromUtf8("yes") } } } };
            await e.WriteAsync(immediate);
        };
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("inference error: ResourceExhausted - system saturated, sheddable request dropped"));
        Assert.That(response.Headers.GetValues("x-dropped"), Is.EqualTo(new[] { "yes" }));
        Assert.That(ChatRequests.Pod(response), Is.Null, "no pod was contacted");
    }

    [TestCase(false, HttpStatusCode.GatewayTimeout)]
    [TestCase(true, HttpStatusCode.OK)]
    public async Task EppNeverAnswers_Timeout_FailsClosedWith504OrOpen(bool failOpen, HttpStatusCode expected)
    {
        _epp.Script = async e => await Task.Delay(Timeout.Infinite, e.Cancelled);
        using var client = await StartGatewayAsync(failOpen, timeoutSeconds: 0.5);

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase(false, HttpStatusCode.InternalServerError)]
    [TestCase(true, HttpStatusCode.OK)]
    public async Task EppFailsTheStream_ErrorStatus_FailsClosedWith500OrOpen(bool failOpen, HttpStatusCode expected)
    {
        _epp.Script = async e =>
        {
            await e.ReadAsync();
            throw new RpcException(new Status(StatusCode.Unknown, "scripted failure"));
        };
        using var client = await StartGatewayAsync(failOpen);

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase(false, HttpStatusCode.InternalServerError)]
    [TestCase(true, HttpStatusCode.OK)]
    public async Task EppUnreachable_ConnectionRefused_FailsClosedWith500OrOpen(bool failOpen, HttpStatusCode expected)
    {
        using var client = await StartGatewayAsync(failOpen, epp: new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task EppClosesCleanly_BeforeAnswering_RequestContinuesWithoutIt()
    {
        _epp.Script = _ => Task.CompletedTask;
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ChatRequests.Pod(response), Is.Not.Null);
    }

    [Test]
    public async Task EppFailsMidResponse_FailOpen_ClientStillGetsTheWholeStream()
    {
        _epp.Script = FailAfterPartialEchoAsync;
        using var client = await StartGatewayAsync(failOpen: true);

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(maxTokens: 12, stream: true)), HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events, Has.All.StartWith("data: "));
        Assert.That(events[^1], Is.EqualTo("data: [DONE]"));
        Assert.That(events, Has.Length.EqualTo(1 + 12 + 1), "role chunk, twelve tokens, [DONE]: nothing lost or repeated");
    }

    [Test]
    public void EppFailsMidResponse_FailClosed_ClientStreamIsReset()
    {
        _epp.Script = FailAfterPartialEchoAsync;

        Assert.That(async () =>
        {
            using var client = await StartGatewayAsync(failOpen: false);
            using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(maxTokens: 12, stream: true)), HttpCompletionOption.ResponseHeadersRead);
            var text = await response.Content.ReadAsStringAsync();
            return text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal);
        }, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
    }

    [Test]
    public async Task RequestHeaders_ClientRoutingHeaders_NeverReachTheEpp()
    {
        _epp.Script = e => e.RouteAndEchoAsync(Pod(0));
        using var client = await StartGatewayAsync();

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(),
            (RequestHeaderNames.DestinationEndpoint, Pod(1)), (RequestHeaderNames.DestinationEndpointSubset, Pod(1)), (RequestHeaderNames.DestinationEndpointServed, Pod(1))));

        var keys = _epp.Exchanges.Single().Received[0].RequestHeaders.Headers.Headers.Select(h => h.Key).ToList();
        Assert.That(ChatRequests.Pod(response), Is.EqualTo("pod-0"));
        Assert.That(keys, Has.None.StartWith("x-gateway-destination-endpoint"));
    }

    [Test]
    public async Task RoundRobin_WithoutEpp_AlternatesThePods()
    {
        using var client = await StartGatewayAsync(withEpp: false);

        var pods = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(), (RequestHeaderNames.DestinationEndpoint, Pod(0))));
            pods.Add(ChatRequests.Pod(response));
        }

        Assert.That(pods, Is.EqualTo(new[] { "pod-0", "pod-1", "pod-0", "pod-1" }));
    }

    [TestCase(32L * 1024 * 1024)]
    [TestCase(2_147_483_600L)]
    public async Task RoundRobin_WithoutEpp_DeclaredBodyOverTheLimitGets413(long contentLength)
    {
        using var client = await StartGatewayAsync(withEpp: false);

        var status = await RawHttp.StatusLineAsync(client.BaseAddress!.Port, RawHttp.TruncatedCompletionsPost(contentLength));

        Assert.That(status, Does.StartWith("HTTP/1.1 413"));
    }

    [Test]
    public async Task Listener_H2cClient_IsServed()
    {
        _epp.Script = e => e.RouteAndEchoAsync(Pod(1));
        using var client = await StartGatewayAsync();
        using var request = ChatRequests.Post(ChatRequests.Body(stream: true));
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.Version, Is.EqualTo(HttpVersion.Version20));
        Assert.That(ChatRequests.Pod(response), Is.EqualTo("pod-1"));
        Assert.That(text, Does.EndWith("data: [DONE]\n\n"));
    }

    [Test]
    public async Task RequestTrailers_ChunkedRequestWithTrailers_SentAfterTheBodyAndAnswered()
    {
        _epp.Script = async e =>
        {
            var body = await e.ReadRequestAsync();
            await e.WriteAsync(ExtProcResponses.RouteHeaders(Pod(0), body.Length, null));
            await e.WriteAsync(ExtProcResponses.StreamedRequestBody(ByteString.CopyFrom(body), endOfStream: false));
            await e.WriteAsync(ExtProcResponses.RequestTrailers());
            await e.EchoResponseAsync();
        };
        using var client = await StartGatewayAsync();
        var body = ChatRequests.Body();

        var status = await RawChunkedPostAsync(client.BaseAddress!, body, "x-checksum: abc");

        var received = _epp.Exchanges.Single().Received.ToList();
        var bodies = received.Where(m => m.RequestBody is not null).ToList();
        var trailers = received.Single(m => m.RequestTrailers is not null).RequestTrailers.Trailers.Headers;
        Assert.That(status, Does.StartWith("HTTP/1.1 200"));
        Assert.That(Encoding.UTF8.GetString([.. bodies.SelectMany(b => b.RequestBody.Body.ToByteArray())]), Is.EqualTo(body));
        Assert.That(bodies.Select(b => b.RequestBody.EndOfStream), Has.All.False, "the trailers end the body");
        Assert.That(received.IndexOf(received.Single(m => m.RequestTrailers is not null)), Is.GreaterThan(received.IndexOf(bodies[^1])));
        Assert.That(trailers.Select(h => (h.Key, h.RawValue.ToStringUtf8())), Is.EqualTo(new[] { ("x-checksum", "abc") }));
    }

    [Test]
    public async Task Client_GoesAwayMidStream_EppStreamIsCancelled()
    {
        _epp.Script = async e =>
        {
            var body = await e.ReadRequestAsync();
            await e.RouteAsync(Pod(0), body);
            await e.EchoResponseAsync();
            while (await e.ReadAsync() is not null)
            {
            }
        };
        using var client = await StartGatewayAsync();

        using (var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(maxTokens: 20000, stream: true)), HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.ReadAtLeastAsync(new byte[16], 16);
        }

        var exchange = _epp.Exchanges.Single();
        var cancelled = new TaskCompletionSource();
        using var registration = exchange.Cancelled.Register(() => cancelled.TrySetResult());
        Assert.That(await Task.WhenAny(cancelled.Task, Task.Delay(TimeSpan.FromSeconds(30))), Is.SameAs(cancelled.Task), "the gateway reset the ext_proc stream");
    }

    // Routes, answers the response headers, returns only the first 5 bytes of the first body chunk, then fails.
    private async Task FailAfterPartialEchoAsync(ScriptedExchange e)
    {
        var body = await e.ReadRequestAsync();
        await e.RouteAsync(Pod(0), body);
        await e.ReadAsync();
        await e.WriteAsync(ExtProcResponses.ResponseHeaders(null, removeServedHeader: false, removeContentLength: false));
        var chunk = await e.ReadAsync();
        await e.WriteAsync(ExtProcResponses.StreamedResponseBody(ByteString.CopyFrom(chunk!.ResponseBody.Body.Span[..5]), endOfStream: false));
        throw new RpcException(new Status(StatusCode.Internal, "scripted failure mid-response"));
    }

    // An HTTP/1.1 chunked request with trailers, written by hand (HttpClient cannot send request trailers).
    private static async Task<string> RawChunkedPostAsync(Uri baseAddress, string body, string trailer)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + $"{bytes.Length:x}\r\n"));
        await stream.WriteAsync(bytes);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"\r\n0\r\n{trailer}\r\n\r\n"));
        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync() ?? "";
        await reader.ReadToEndAsync();
        return status;
    }
}
