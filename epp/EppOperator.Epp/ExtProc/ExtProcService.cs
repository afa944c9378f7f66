using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Grpc;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// The <c>envoy.service.ext_proc.v3.ExternalProcessor/Process</c> handler: one <see cref="ExtProcStream"/> per
/// call. Counts open streams so a shutdown can drain them.
/// </summary>
internal sealed class ExtProcService(RequestDirector director, ILogger<ExtProcService> logger)
{
    private int _activeStreams;

    public RequestDirector Director { get; } = director;

    /// <summary>Streams currently open (each is one HTTP exchange in flight at the proxy).</summary>
    public int ActiveStreams => Volatile.Read(ref _activeStreams);

    /// <summary>
    /// Called with the EPP's own processing time per routed request: from the request body's end of stream
    /// (or the headers of a bodiless request) to the routing answer being written. Used by the benchmark.
    /// </summary>
    public Action<TimeSpan>? ProcessingTimeObserver { get; set; }

    public DuplexStreamingMethod<ProcessingRequest, ProcessingResponse> Method => ProcessAsync;

    public async Task ProcessAsync(IAsyncStreamReader<ProcessingRequest> requests, IServerStreamWriter<ProcessingResponse> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref _activeStreams);
        try
        {
            using var stream = new ExtProcStream(Director, responses, logger, ProcessingTimeObserver, context.CancellationToken)
            {
                Deadline = context.Deadline == DateTime.MaxValue ? null : new DateTimeOffset(DateTime.SpecifyKind(context.Deadline, DateTimeKind.Utc)),
            };
            await stream.RunAsync(requests).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeStreams);
        }
    }

    /// <summary>Completes when no stream is open, or when <paramref name="cancellationToken"/> fires (then throws).</summary>
    public async Task WaitForIdleAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (ActiveStreams > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
