using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Epp.Tls;
using EppOperator.Testing.Interop;
using EppOperator.Testing.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Benchmarks.Grpc;

/// <summary>
/// Transport cost on loopback: round-trip latency and messages per second of an ext_proc-shaped streaming echo
/// (ProcessingRequest with request headers in, a header-mutation ProcessingResponse out) on the Kestrel gRPC server,
/// driven by the project's own client (h2c and TLS; one stream, many streams, and one new stream per exchange, the
/// way Envoy opens an ext_proc stream per HTTP request) and by grpc-js when node is installed.
/// </summary>
internal sealed class GrpcBenchmark : IBenchmark
{
    private const int ConcurrentStreams = 16;
    private const string OwnClient = "EppOperator GrpcChannel";

    private static readonly ProcessingResponse Response = new()
    {
        RequestHeaders = new HeadersResponse
        {
            Response = new CommonResponse
            {
                ClearRouteCache = true,
                HeaderMutation = new HeaderMutation
                {
                    SetHeaders = { new HeaderValueOption { Header = ExtProcEchoSession.Header("x-gateway-destination-endpoint", "10.0.0.12:8000") } },
                },
            },
        },
    };

    public string Name => "grpc";

    public string Description => "gRPC transport: ping-pong latency and messages/s of a streaming ext_proc echo on loopback (own client, grpc-js)";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var quick = context.Quick;
        var results = new List<GrpcBenchmarkResult>();
        var startedAt = DateTimeOffset.UtcNow;

        await using (var h2c = await StartServerAsync(null, cancellationToken))
        {
            using var channel = GrpcChannel.ForAddress(h2c.Address);
            var duration = TimeSpan.FromSeconds(quick ? 1 : 5);
            results.Add(await MeasureSequentialAsync(channel, "h2c", streamPerExchange: false, quick ? 500 : 3000, quick ? 3000 : 30000, cancellationToken));
            results.Add(await MeasureConcurrentAsync(channel, "h2c", streamPerExchange: false, duration, cancellationToken));
            results.Add(await MeasureSequentialAsync(channel, "h2c", streamPerExchange: true, quick ? 200 : 1000, quick ? 1000 : 5000, cancellationToken));
            results.Add(await MeasureConcurrentAsync(channel, "h2c", streamPerExchange: true, duration, cancellationToken));
            results.Add(await GrpcJsPingPongAsync(h2c.Port, quick ? 500 : 2000, quick ? 3000 : 20000, cancellationToken));
        }

        using (var ca = CertificateAuthority.Create("bench CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1)))
        using (var certificate = ServerCertificateProvider.Fixed(
            ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["localhost", "127.0.0.1"]), DateTimeOffset.UtcNow, TimeSpan.FromDays(1), "bench"),
            NullLogger.Instance,
            TimeProvider.System))
        {
            await using var tls = await StartServerAsync(certificate, cancellationToken);
            using var channel = GrpcChannel.ForAddress(tls.Address, new GrpcChannelOptions { TrustedCertificateAuthority = ca.Certificate });
            results.Add(await MeasureSequentialAsync(channel, "TLS", streamPerExchange: false, quick ? 500 : 3000, quick ? 3000 : 20000, cancellationToken));
        }

        var report = new GrpcBenchmarkReport(
            Name,
            startedAt,
            quick,
            $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}",
            "Client and server share the process and the cores (grpc-js runs in a node child process); the machine may be shared "
                + "with other work, so treat numbers as indicative. A round trip is one request message answered by one response.",
            results);
        var path = context.WriteReport(Name, report);
        foreach (var result in results)
        {
            BenchContext.Progress(Describe(result));
        }

        BenchContext.Progress($"grpc: report written to {path}");
    }

    private static async Task<GrpcServer> StartServerAsync(ServerCertificateProvider? certificate, CancellationToken cancellationToken)
    {
        var registry = new GrpcMethodRegistry();
        registry.AddDuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingRequest.Parser, EchoAsync);
        return await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(0, certificate), cancellationToken: cancellationToken);
    }

    private static async Task EchoAsync(IAsyncStreamReader<ProcessingRequest> requests, IServerStreamWriter<ProcessingResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            await responses.WriteAsync(Response, context.CancellationToken);
        }
    }

    /// <summary>One session, exchanges one after another: latency per round trip and allocations per round trip.</summary>
    private static async Task<GrpcBenchmarkResult> MeasureSequentialAsync(
        GrpcChannel channel, string transport, bool streamPerExchange, int warmup, int count, CancellationToken cancellationToken)
    {
        await using var session = new ExtProcEchoSession(channel, streamPerExchange);
        for (var i = 0; i < warmup; i++) await session.ExchangeAsync(cancellationToken);

        var run = await LatencySampler.SequentialAsync(count, () => session.ExchangeAsync(cancellationToken), cancellationToken);
        return new GrpcBenchmarkResult
        {
            Client = OwnClient,
            Transport = transport,
            Scenario = ScenarioName(streamPerExchange),
            MessagesPerSecond = Math.Round(run.PerSecond),
            Latency = run.Summarise(),
            AllocatedBytesPerRoundTrip = Math.Round((double)run.AllocatedBytes / run.Count),
        };
    }

    /// <summary><see cref="ConcurrentStreams"/> sessions on one channel for <paramref name="duration"/>: throughput under load.</summary>
    private static async Task<GrpcBenchmarkResult> MeasureConcurrentAsync(
        GrpcChannel channel, string transport, bool streamPerExchange, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sessions = Enumerable.Range(0, ConcurrentStreams).Select(_ => new ExtProcEchoSession(channel, streamPerExchange)).ToArray();
        LatencySample run;
        try
        {
            run = await LatencySampler.ConcurrentAsync(ConcurrentStreams, duration, w => sessions[w].ExchangeAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync();
        }

        if (run.Errors > 0) throw new InvalidOperationException($"{run.Errors} echo exchanges failed ({transport}, {ScenarioName(streamPerExchange)})");
        return new GrpcBenchmarkResult
        {
            Client = OwnClient,
            Transport = transport,
            Scenario = ScenarioName(streamPerExchange),
            Streams = ConcurrentStreams,
            MessagesPerSecond = Math.Round(run.PerSecond),
            Latency = run.Summarise(),
        };
    }

    private static string ScenarioName(bool streamPerExchange) => streamPerExchange
        ? "new stream per exchange (open, one round trip, half-close, status)"
        : "ping-pong on one stream per client";

    private static async Task<GrpcBenchmarkResult> GrpcJsPingPongAsync(int port, int warmup, int count, CancellationToken cancellationToken)
    {
        var result = new GrpcBenchmarkResult { Client = "@grpc/grpc-js (node)", Transport = "h2c", Scenario = "ping-pong on one stream" };
        if (!InteropEnvironment.TryFindNodeGrpc(out var node, out var reason))
        {
            return result with { Skipped = reason };
        }

        var script = Path.Combine(InteropEnvironment.InteropDirectory, "grpc_js_bench.js");
        var run = await ChildProcess.RunAsync(
            node,
            [script, "--target", $"127.0.0.1:{port}", "--count", count.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(5),
            InteropEnvironment.InteropDirectory,
            cancellationToken: cancellationToken);
        if (run.ExitCode != 0)
        {
            return result with { Skipped = "grpc-js run failed: " + run.Describe() };
        }

        var line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var json = JsonDocument.Parse(line).RootElement;
        double Read(string name) => Math.Round(json.GetProperty(name).GetDouble(), 1);
        return result with
        {
            MessagesPerSecond = Math.Round(json.GetProperty("messagesPerSecond").GetDouble()),
            Latency = new LatencySummary(json.GetProperty("count").GetInt32(), Read("p50Us"), Read("p90Us"), Read("p99Us"), null, Read("meanUs"), null),
        };
    }

    private static string Describe(GrpcBenchmarkResult result) => result.Skipped is { } skipped
        ? $"grpc: {result.Client} {result.Transport} {result.Scenario}: skipped ({skipped})"
        : $"grpc: {result.Client} {result.Transport} {result.Scenario} x{result.Streams}: {result.MessagesPerSecond:0} msg/s, "
            + $"p50 {result.Latency!.P50Us} us, p99 {result.Latency.P99Us} us"
            + (result.AllocatedBytesPerRoundTrip is { } bytes ? $", {bytes:0} B allocated per round trip" : "");

}
