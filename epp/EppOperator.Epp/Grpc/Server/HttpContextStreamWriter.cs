using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using EppOperator.Epp.Grpc.Protocol;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// Writes response messages into Kestrel's response pipe: the frame prefix and the serialized message go straight
/// into the pipe's buffer, then one flush per message (headers go out with the first one).
/// </summary>
internal sealed class HttpContextStreamWriter<T> : IServerStreamWriter<T>
    where T : IMessage<T>
{
    private static readonly Status MessageTooLarge = new(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size.");

    private readonly HttpContextServerCallContext _call;
    private readonly PipeWriter _body;
    private int _writing;

    public HttpContextStreamWriter(HttpContextServerCallContext call)
    {
        _call = call;
        _body = call.HttpContext.Response.BodyWriter;
    }

    /// <exception cref="InvalidOperationException">The call is complete, or a previous write has not finished.</exception>
    public ValueTask WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_call.IsComplete)
        {
            throw new InvalidOperationException("Can't write the message because the request is complete.");
        }

        if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        ValueTask<FlushResult> flush;
        try
        {
            WriteFrame(message);
            flush = _body.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : _call.CancellationToken);
        }
        catch
        {
            Volatile.Write(ref _writing, 0);
            throw;
        }

        if (flush.IsCompletedSuccessfully)
        {
            Volatile.Write(ref _writing, 0);
            EnsureDelivered(flush.Result);
            return ValueTask.CompletedTask;
        }

        return AwaitFlushAsync(flush);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            EnsureDelivered(await flush);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    private void WriteFrame(T message)
    {
        var size = message.CalculateSize();
        if (_call.Options.MaxSendMessageSize is { } max && size > max)
        {
            throw new RpcException(MessageTooLarge);
        }

        GrpcFraming.WriteMessage(_body, message, size);
    }

    private void EnsureDelivered(FlushResult result)
    {
        if (result.IsCanceled || (result.IsCompleted && _call.HttpContext.RequestAborted.IsCancellationRequested))
        {
            throw new OperationCanceledException("The response stream was closed before the message was sent.", _call.CancellationToken);
        }
    }
}
