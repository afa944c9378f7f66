using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Gateway;
using EppOperator.Sim.Live;
using EppOperator.Sim.Tests.Gateway.Support;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Tests.Gateway;

/// <summary>
/// End to end with real processes: two <c>eppsim serve</c> pods, the <c>epp</c> executable over TLS with a
/// CA-issued certificate and its conformance hooks switched on, and two <c>eppsim gateway</c> processes verifying
/// it (fail-closed, and fail-open). The last test kills the EPP, so the order is fixed.
/// </summary>
[NonParallelizable]
public class GatewayEndToEndTests
{
    private const string Model = "meta-llama/Llama-3.1-8B-Instruct";

    private ProcessGroup _group = null!;
    private LiveFleet _fleet = null!;
    private HttpClient _failClosed = null!;
    private HttpClient _failOpen = null!;
    private CountingListener _forged = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartProcesses()
    {
        _directory = Path.Combine(Path.GetTempPath(), "eppsim-e2e-" + Guid.NewGuid().ToString("N"));
        _group = new ProcessGroup();
        _forged = new CountingListener();
        // The tests direct requests to a pod and read the served endpoint back: both need the conformance hooks, off by default.
        var options = new LiveBenchOptions { Pods = 2, TimeScale = 1.0, StartTimeout = TimeSpan.FromSeconds(120), EppArguments = ["--conformance-hooks"] };
        _fleet = await LiveFleet.StartAsync(_group, new LiveFleetSpec("e2e", Model, "h100-llama3-8b", LiveBenchOptions.Epp, _directory, options), _ => { }, CancellationToken.None);

        // A second gateway on the same EPP that fails open; the fleet's own one fails closed (the API default).
        var port = FreePorts.Take(2);
        var (fileName, prefix) = Executables.Launch(Executables.EppsimDll);
        var failOpen = _group.Start("gateway-fail-open", fileName, [.. prefix, "gateway", "--host", "127.0.0.1", "--port", port[0].ToString(), "--admin-port", port[1].ToString(),
            "--endpoints", string.Join(',', _fleet.Endpoints), "--epp", _fleet.EppAddress!.ToString(), "--epp-ca-file", _fleet.EppCaFile!, "--fail-open"],
            Path.Combine(_directory, "gateway-fail-open.log"));
        _failClosed = Client(_fleet.GatewayUrl);
        _failOpen = Client(new Uri($"http://127.0.0.1:{port[0]}"));
        await WaitForAsync(async () =>
        {
            Assert.That(failOpen.HasExited, Is.False, failOpen.Tail());
            using var probe = new HttpClient();
            try
            {
                return (await probe.GetAsync($"http://127.0.0.1:{port[1]}/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
    }

    [OneTimeTearDown]
    public void StopProcesses()
    {
        _failClosed?.Dispose();
        _failOpen?.Dispose();
        _forged?.Dispose();
        _group?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a process still closing; the temp directory is cleaned up eventually.
        }
    }

    [TestCase(0), Order(1)]
    [TestCase(1)]
    public async Task ChatRequest_EppChoosesAPod_ReachesThatPod(int pod)
    {
        var endpoint = _fleet.Endpoints[pod];

        using var response = await _failClosed.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model), (RequestHeaderNames.ConformanceEndpointSelection, endpoint)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(ChatRequests.Pod(response), Is.EqualTo($"pod-{pod}"), "the simulator names the pod that served");
        Assert.That(response.Headers.GetValues(RequestHeaderNames.ConformanceServedEndpoint), Is.EqualTo(new[] { endpoint }), "the EPP saw the served endpoint in envoy.lb metadata");
    }

    [Test, Order(2)]
    public async Task ChatRequest_Streaming_TokensReachTheClientAsTheyAreGenerated()
    {
        using var request = ChatRequests.Post(ChatRequests.Body(maxTokens: 40, stream: true, model: Model));

        using var response = await _failClosed.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var arrivals = new List<(long Ticks, string Line)>();
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal)) arrivals.Add((Stopwatch.GetTimestamp(), line));
            }
        }

        var spread = Stopwatch.GetElapsedTime(arrivals[0].Ticks, arrivals[^1].Ticks);
        var distinct = arrivals.Select(a => a.Ticks).Distinct().Count();
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(arrivals, Has.Count.EqualTo(1 + 40 + 1), "role, forty tokens, [DONE]");
        Assert.That(arrivals[^1].Line, Is.EqualTo("data: [DONE]"));
        Assert.That(distinct, Is.GreaterThan(10), "events arrive one by one, not as one buffered body");
        Assert.That(spread, Is.GreaterThan(TimeSpan.FromMilliseconds(100)), "forty real-time decode steps take well over 100 ms");
    }

    [Test, Order(3)]
    public async Task ChatRequest_ClientForgesTheDestination_HeaderIgnored()
    {
        var chosen = _fleet.Endpoints[1];

        using var forgedToListener = await _failClosed.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model), (RequestHeaderNames.DestinationEndpoint, _forged.Endpoint)));
        using var forgedToOtherPod = await _failClosed.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model),
            (RequestHeaderNames.DestinationEndpoint, _fleet.Endpoints[0]), (RequestHeaderNames.ConformanceEndpointSelection, chosen)));

        Assert.That(forgedToListener.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_forged.Connections, Is.Zero, "the forged address was never contacted");
        Assert.That(ChatRequests.Pod(forgedToOtherPod), Is.EqualTo("pod-1"), "the EPP's choice, not the client's");
    }

    [Test, Order(4)]
    public async Task Gateway_TrustsAnotherCa_RefusesTheEppAndFailsClosed()
    {
        var otherCa = EppCertificates.Create(Path.Combine(_directory, "other-ca"), TimeProvider.System);
        await using var gateway = await GatewayServer.StartAsync(new GatewayOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            AdminPort = 0,
            Pool = EndpointPool.TryParse(string.Join(',', _fleet.Endpoints), out _)!,
            EppAddress = _fleet.EppAddress,
            EppCertificateAuthority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(otherCa.CaFile)),
            LogLevel = LogLevel.Warning,
        }, TimeProvider.System, CancellationToken.None);
        using var client = Client(new Uri($"http://127.0.0.1:{gateway.Port}"));

        using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(ChatRequests.Pod(response), Is.Null);
    }

    [Test, Order(100)]
    public async Task EppKilledMidRun_FailOpenKeepsServingAndFailClosedRejects()
    {
        using var stop = new CancellationTokenSource();
        var background = Enumerable.Range(0, 4).Select(i => KeepSendingAsync(i % 2 == 0 ? _failOpen : _failClosed, stop.Token)).ToList();
        await Task.Delay(500);

        _group.Processes.Single(p => p.Name == "epp").Kill(TimeSpan.FromSeconds(10));
        var open = new List<HttpResponseMessage>();
        var closed = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            open.Add(await _failOpen.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model), (RequestHeaderNames.DestinationEndpoint, _forged.Endpoint))));
            closed.Add(await _failClosed.SendAsync(ChatRequests.Post(ChatRequests.Body(model: Model), (RequestHeaderNames.DestinationEndpoint, _forged.Endpoint))));
        }

        await stop.CancelAsync();
        await Task.WhenAll(background);

        Assert.That(open.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(open.Select(ChatRequests.Pod), Has.All.StartsWith("pod-"));
        Assert.That(closed.Select(r => (int)r.StatusCode), Has.All.InRange(500, 599));
        Assert.That(closed.Select(ChatRequests.Pod), Has.All.Null);
        Assert.That(_forged.Connections, Is.Zero, "no request reached the forged address");
        foreach (var response in open.Concat(closed)) response.Dispose();
    }

    private static async Task KeepSendingAsync(HttpClient client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.SendAsync(ChatRequests.Post(ChatRequests.Body(maxTokens: 20, stream: true, model: Model)), cancellationToken);
                await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or SocketException)
            {
                // Requests in flight when the EPP dies may break; what matters is the requests after it.
            }
        }
    }

    private static HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120)) Assert.Fail("not ready within 120 s");
            await Task.Delay(100);
        }
    }
}
