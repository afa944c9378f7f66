using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using EppOperator.Epp.Grpc.Protocol;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// Reads request messages straight from Kestrel's request pipe: each message is parsed from the buffered
/// <see cref="ReadOnlySequence{T}"/> without an intermediate copy, and a partial frame waits for more bytes.
/// </summary>
internal sealed class HttpContextStreamReader<T> : IAsyncStreamReader<T>
    where T : IMessage<T>
{
    private static readonly Status MessageCancelled = new(StatusCode.Internal, "Incoming message cancelled.");

    private readonly HttpContextServerCallContext _call;
    private readonly MessageParser<T> _parser;
    private readonly PipeReader _body;
    private T? _current;
    private bool _ended;

    public HttpContextStreamReader(HttpContextServerCallContext call, MessageParser<T> parser)
    {
        _call = call;
        _parser = parser;
        _body = call.HttpContext.Request.BodyReader;
    }

    public T Current => _current ?? throw new InvalidOperationException("There is no current message; call MoveNext first.");

    /// <summary>
    /// Advances to the next request message; false at the clean end of the request stream. Passing
    /// <see cref="ServerCallContext.CancellationToken"/> (or none) costs nothing; any other token is linked to it.
    /// </summary>
    public ValueTask<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return ValueTask.FromResult(false);
        }

        var callToken = _call.CancellationToken;
        if (!cancellationToken.CanBeCanceled || cancellationToken == callToken)
        {
            return ReadNextAsync(callToken);
        }

        return ReadNextLinkedAsync(callToken, cancellationToken);
    }

    /// <summary>Reads the single request of a unary or server-streaming call; any further data is an error.</summary>
    public async ValueTask<T> ReadSingleAsync()
    {
        if (!await ReadNextAsync(_call.CancellationToken))
        {
            throw Invalid(GrpcMessageDecoder.IncompleteMessage);
        }

        var message = _current!;
        if (await ReadNextAsync(_call.CancellationToken))
        {
            throw Invalid(GrpcMessageDecoder.AdditionalData);
        }

        return message;
    }

    private async ValueTask<bool> ReadNextLinkedAsync(CancellationToken callToken, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        return await ReadNextAsync(linked.Token);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var consumed = false;
            try
            {
                if (result.IsCanceled)
                {
                    throw Invalid(MessageCancelled);
                }

                if (TryTakeMessage(ref buffer, out var payload))
                {
                    _current = Parse(payload);
                    consumed = true;
                    return true;
                }

                if (result.IsCompleted)
                {
                    if (buffer.IsEmpty)
                    {
                        _ended = true;
                        return false;
                    }

                    throw Invalid(GrpcMessageDecoder.IncompleteMessage);
                }
            }
            finally
            {
                if (consumed)
                {
                    _body.AdvanceTo(buffer.Start);
                }
                else
                {
                    // Nothing usable yet: keep the bytes and wait until more than what was examined arrives.
                    _body.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    private bool TryTakeMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        try
        {
            return GrpcMessageDecoder.TryReadMessage(ref buffer, _call.Options.MaxReceiveMessageSize, _call.RequestEncoding, out payload);
        }
        catch (RpcException ex)
        {
            GrpcServerLog.InvalidRequestMessage(_call.Logger, _call.Method, ex.StatusCode, ex.Status.Detail);
            throw;
        }
    }

    private T Parse(ReadOnlySequence<byte> payload)
    {
        try
        {
            return _parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw Invalid(GrpcMessageDecoder.DeserializationFailed);
        }
    }

    private RpcException Invalid(Status status)
    {
        GrpcServerLog.InvalidRequestMessage(_call.Logger, _call.Method, status.StatusCode, status.Detail);
        return new RpcException(status);
    }
}
