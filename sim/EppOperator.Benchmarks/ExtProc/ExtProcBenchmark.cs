using System.Net;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>
/// Full ext_proc exchanges (request headers + 4 KiB chat body → pick → SSE response) against the real gRPC server
/// on loopback h2c, with 1, 16 and 64 concurrent streams: latency percentiles, exchanges/s, allocations per
/// exchange, and the EPP's own processing time (request body end of stream received → routing answer written).
/// The client is the project's HttpClient-based gRPC client in the same process, so the machine's two cores are
/// shared by client, server and whatever else runs.
/// </summary>
internal sealed class ExtProcBenchmark : IBenchmark
{
    private static readonly int[] Concurrency = [1, 16, 64];

    public string Name => "extproc";

    public string Description => "ext_proc exchange latency/throughput over loopback gRPC, EPP processing time, allocations";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var script = new ExtProcExchangeScript();
        var processing = new ProcessingSamples();
        var requestPath = RequestPath.Create(new ExtProcOptions(), NullLoggerFactory.Instance, TimeProvider.System);
        requestPath.Datastore.ReplaceAll(Enumerable.Range(1, 8).Select(i => new EndpointSpec($"10.0.0.{i}:8000", IPAddress.Parse($"10.0.0.{i}"), 8000)));
        requestPath.Service.ProcessingTimeObserver = processing.Add;

        var inProcess = await RunInProcessAsync(requestPath.Service, script, processing, context.Quick ? 20_000 : 100_000, cancellationToken);
        BenchContext.Progress($"extproc in-process: p50 {inProcess.Exchange.P50Us} µs, EPP processing p50 {inProcess.EppProcessing.P50Us} µs, {inProcess.AllocatedBytesPerExchange} B/exchange");

        var registry = new GrpcMethodRegistry();
        registry.AddDuplexStreaming(ExtProcConstants.ProcessMethod, ProcessingRequest.Parser, requestPath.Service.Method);
        await using var server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(), cancellationToken: cancellationToken);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var duration = context.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(8);
        var runs = new List<LoopbackRun>();
        foreach (var streams in Concurrency)
        {
            await RunLoopbackAsync(channel, script, streams, TimeSpan.FromSeconds(1), null, cancellationToken);
            var run = await RunLoopbackAsync(channel, script, streams, duration, processing, cancellationToken);
            runs.Add(run);
            BenchContext.Progress($"extproc loopback x{streams}: {run.ExchangesPerSecond:F0}/s, p50 {run.Exchange.P50Us} µs, p99 {run.Exchange.P99Us} µs, EPP p50 {run.EppProcessing.P50Us} µs, errors {run.Errors}");
        }

        var report = new ExtProcBenchmarkReport(
            Name,
            context.Quick,
            Environment.ProcessorCount,
            "Client and server share this machine's cores with each other and with other work running at the time; the "
                + "loopback figures include the HTTP/2 client and transport (the grpc benchmark measures a bare round trip) and are noisy.",
            "request headers + chat body (eos) → [headers reply, body piece]; response headers + 3 SSE chunks → [headers reply, 3 echoes]; half-close",
            script.RequestBodyBytes.Length,
            inProcess,
            runs,
            new Dictionary<string, string>
            {
                ["eppProcessingP50Us"] = "<= 50",
                ["unloadedExchangeP50Us"] = "<= 500 (loopback, 1 stream)",
                ["exchangesPerSecond"] = ">= 5000 at 16-64 streams",
            });
        var path = context.WriteReport(Name, report);
        BenchContext.Progress($"extproc report: {path}");
        requestPath.Meter.Dispose();
    }

    private static async Task<InProcessRun> RunInProcessAsync(ExtProcService service, ExtProcExchangeScript script, ProcessingSamples processing, int exchanges, CancellationToken cancellationToken)
    {
        var messages = script.All.ToList();
        for (var i = 0; i < exchanges / 10; i++) await service.ProcessAsync(new ScriptedStreamReader(messages), new CountingStreamWriter(), BenchServerCallContext.Instance);

        processing.Clear();
        var writer = new CountingStreamWriter();
        var run = await LatencySampler.SequentialAsync(
            exchanges, () => service.ProcessAsync(new ScriptedStreamReader(messages), writer, BenchServerCallContext.Instance), cancellationToken);
        if (writer.Count != exchanges * (ExtProcExchangeScript.RequestReplies + script.ResponseReplies))
        {
            throw new InvalidOperationException($"expected {ExtProcExchangeScript.RequestReplies + script.ResponseReplies} replies per exchange, got {writer.Count / (double)exchanges}");
        }

        return new InProcessRun(exchanges, run.Summarise(), processing.Summarise(), run.AllocatedBytes / exchanges);
    }

    private static async Task<LoopbackRun> RunLoopbackAsync(GrpcChannel channel, ExtProcExchangeScript script, int streams, TimeSpan duration, ProcessingSamples? processing, CancellationToken cancellationToken)
    {
        processing?.Clear();
        var run = await LatencySampler.ConcurrentAsync(streams, duration, _ => ExchangeAsync(channel, script), cancellationToken);
        return new LoopbackRun(
            streams,
            run.Count,
            run.Errors,
            Math.Round(run.PerSecond, 1),
            run.Summarise(),
            processing?.Summarise() ?? LatencySummary.FromStopwatchTicks([]),
            run.Count == 0 ? 0 : run.AllocatedBytes / run.Count);
    }

    // As Envoy does in FULL_DUPLEX_STREAMED mode: the request waits for the routing answer; the response body
    // is streamed to the EPP as it arrives, without waiting for each echo.
    private static async Task ExchangeAsync(GrpcChannel channel, ExtProcExchangeScript script)
    {
        using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(script.RequestHeaders, CancellationToken.None);
        await call.RequestStream.WriteAsync(script.RequestBody, CancellationToken.None);
        await ReadAsync(call, ExtProcExchangeScript.RequestReplies);
        await call.RequestStream.WriteAsync(script.ResponseHeaders, CancellationToken.None);
        foreach (var chunk in script.ResponseChunks) await call.RequestStream.WriteAsync(chunk, CancellationToken.None);
        await ReadAsync(call, script.ResponseReplies);
        await call.RequestStream.CompleteAsync();
        if (await call.ResponseStream.MoveNext(CancellationToken.None)) throw new InvalidOperationException("unexpected extra reply");
    }

    private static async Task ReadAsync(GrpcCall<ProcessingRequest, ProcessingResponse> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await call.ResponseStream.MoveNext(CancellationToken.None)) throw new InvalidOperationException("stream ended early");
            if (call.ResponseStream.Current.ImmediateResponse is not null) throw new InvalidOperationException("request rejected: " + call.ResponseStream.Current.ImmediateResponse.Body.ToStringUtf8());
        }
    }
}
