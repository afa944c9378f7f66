using System.Collections.Concurrent;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Interop.V1;
using Google.Protobuf;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>
/// Handlers that misbehave on purpose (throw, write concurrently, outlive their call, ignore deadlines) under
/// <c>/test.Behaviour/*</c>, recording what the transport did to them.
/// </summary>
internal sealed class BehaviourService
{
    public const string ThrowRpc = "/test.Behaviour/ThrowRpc";
    public const string WriteThenThrow = "/test.Behaviour/WriteThenThrow";
    public const string Crash = "/test.Behaviour/Crash";
    public const string ConcurrentWrites = "/test.Behaviour/ConcurrentWrites";
    public const string KeepWriter = "/test.Behaviour/KeepWriter";
    public const string Metadata = "/test.Behaviour/Metadata";
    public const string WaitForCancel = "/test.Behaviour/WaitForCancel";
    public const string WriteThenWaitForCancel = "/test.Behaviour/WriteThenWaitForCancel";
    public const string CrashDetail = "secret detail";
    public const string RpcDetail = "missing ü 100%";

    public ConcurrentQueue<string> Events { get; } = new();

    public IServerStreamWriter<EchoResponse>? KeptWriter { get; private set; }

    public TaskCompletionSource<ServerCallContext> Cancelled { get; private set; } = NewCancelledSource();

    public void ResetCancelled() => Cancelled = NewCancelledSource();

    public void Register(GrpcMethodRegistry registry)
    {
        registry.AddUnary<EchoRequest, EchoResponse>(ThrowRpc, EchoRequest.Parser, (_, _) => throw new RpcException(StatusCode.NotFound, RpcDetail));
        registry.AddUnary<EchoRequest, EchoResponse>(Crash, EchoRequest.Parser, (_, _) => throw new InvalidOperationException(CrashDetail));
        registry.AddDuplexStreaming<EchoRequest, EchoResponse>(WriteThenThrow, EchoRequest.Parser, async (requests, responses, context) =>
        {
            await responses.WriteAsync(new EchoResponse { Sequence = 1 }, context.CancellationToken);
            throw new RpcException(StatusCode.Aborted, "after one");
        });
        registry.AddServerStreaming<EchoRequest, EchoResponse>(ConcurrentWrites, EchoRequest.Parser, async (request, responses, context) =>
        {
            // Far beyond Kestrel's 64 KiB response buffer, so the first flush is still pending.
            var first = responses.WriteAsync(new EchoResponse { Payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024]) }, context.CancellationToken);
            try
            {
                await responses.WriteAsync(new EchoResponse { Sequence = 2 }, context.CancellationToken);
                Events.Enqueue("second write accepted");
            }
            catch (InvalidOperationException ex)
            {
                Events.Enqueue(ex.Message);
            }

            await first;
        });
        registry.AddServerStreaming<EchoRequest, EchoResponse>(KeepWriter, EchoRequest.Parser, (request, responses, context) =>
        {
            KeptWriter = responses;
            return Task.CompletedTask;
        });
        registry.AddUnary<EchoRequest, EchoResponse>(Metadata, EchoRequest.Parser, (request, context) =>
        {
            var lines = context.RequestHeaders.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}")
                .Append($"@peer={context.Peer}").Append($"@method={context.Method}").Append($"@deadline={context.Deadline:o}");
            return Task.FromResult(new EchoResponse { Payload = ByteString.CopyFromUtf8(string.Join("\n", lines)) });
        });
        registry.AddDuplexStreaming<EchoRequest, EchoResponse>(WaitForCancel, EchoRequest.Parser, (requests, responses, context) => WaitAsync(context));
        registry.AddDuplexStreaming<EchoRequest, EchoResponse>(WriteThenWaitForCancel, EchoRequest.Parser, async (requests, responses, context) =>
        {
            await responses.WriteAsync(new EchoResponse { Sequence = 1 }, context.CancellationToken);
            await WaitAsync(context);
        });
    }

    private async Task WaitAsync(ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult(context);
            throw;
        }
    }

    private static TaskCompletionSource<ServerCallContext> NewCancelledSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
