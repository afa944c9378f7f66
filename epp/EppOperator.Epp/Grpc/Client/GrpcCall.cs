using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using EppOperator.Epp.Grpc.Protocol;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Client;

/// <summary>
/// One client call over HTTP/2: <see cref="RequestStream"/> writes frames into an open request body,
/// <see cref="ResponseStream"/> parses frames from the response body, and the final status comes from the
/// trailers (or from the headers of a Trailers-Only response, or from the HTTP status when the peer is not gRPC).
/// Reading past the last message throws <see cref="RpcException"/> for any status but OK, as in Grpc.Net.Client.
/// Disposing a call that has not finished cancels it, which resets the HTTP/2 stream.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>, IDisposable
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private static readonly Status MissingResponse = new(StatusCode.Internal, "The server returned no response message.");
    private static readonly Status ExtraResponse = new(StatusCode.Internal, "The server returned more than one response message.");

    private readonly GrpcChannel _channel;
    private readonly MessageParser<TResponse> _parser;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _userCancellation;
    private ITimer? _deadlineTimer;
    private DuplexRequestContent? _requestContent;
    private Task<HttpResponseMessage>? _responseTask;
    private HttpResponseMessage? _response;
    private PipeReader? _responseBody;
    private string? _responseEncoding;
    private bool _headersRead;
    private Status? _status;
    private ArrayBufferWriter<byte>? _writeBuffer;
    private int _writing;
    private bool _requestCompleted;
    private TResponse? _current;

    internal GrpcCall(GrpcChannel channel, MessageParser<TResponse> parser, CallOptions options)
    {
        _channel = channel;
        _parser = parser;
        _options = options;
    }

    /// <summary>Writes request messages; only duplex calls have an open request stream.</summary>
    public IClientStreamWriter<TRequest> RequestStream => this;

    /// <summary>Reads response messages; the call's status is final once this returns false or throws.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream => this;

    public TResponse Current => _current ?? throw new InvalidOperationException("There is no current message; call MoveNext first.");

    /// <summary>The final status.</summary>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus()
    {
        lock (_gate)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    internal void StartDuplex(string method)
    {
        _requestContent = new DuplexRequestContent();
        Start(method, _requestContent);
    }

    internal void StartWithSingleRequest(string method, TRequest request)
    {
        var size = request.CalculateSize();
        var frame = new ArrayBufferWriter<byte>(GrpcFraming.HeaderSize + size);
        GrpcFraming.WriteMessage(frame, request, size);
        var content = new ReadOnlyMemoryContent(frame.WrittenMemory);
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocolConstants.GrpcContentType);
        _requestCompleted = true;
        Start(method, content);
    }

    /// <summary>Reads the one response of a unary call and the status after it.</summary>
    internal async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNext(CancellationToken.None))
        {
            throw new RpcException(MissingResponse);
        }

        var response = _current!;
        if (await MoveNext(CancellationToken.None))
        {
            Cancel(ExtraResponse);
            throw new RpcException(ExtraResponse);
        }

        return response;
    }

    public ValueTask<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == _cancellation.Token)
        {
            return ReadNextAsync();
        }

        return ReadNextWithTokenAsync(cancellationToken);
    }

    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_requestContent is null || _requestCompleted)
        {
            throw new InvalidOperationException("The request stream is complete; no more messages can be written.");
        }

        ThrowIfFinished();
        if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        return WriteCoreAsync(message, cancellationToken);
    }

    public Task CompleteAsync()
    {
        if (_requestContent is not null && !_requestCompleted)
        {
            _requestCompleted = true;
            _requestContent.Complete();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Cancel(GrpcClientStatus.CancelledByClient);
        Release();
    }

    private void Start(string method, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TrailersValue);
        if (_options.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (_options.Deadline is { } deadline)
        {
            var timeProvider = _channel.Options.TimeProvider;
            var timeout = deadline.ToUniversalTime() - timeProvider.GetUtcNow().UtcDateTime;
            if (timeout <= TimeSpan.Zero)
            {
                // Already late: fail without sending, as Grpc.Net.Client does.
                SetStatus(GrpcClientStatus.DeadlineExceeded);
                request.Dispose();
                return;
            }

            request.Headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Encode(timeout));
            _deadlineTimer = timeProvider.CreateTimer(
                static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(GrpcClientStatus.DeadlineExceeded),
                this, timeout, Timeout.InfiniteTimeSpan);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = _options.CancellationToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(GrpcClientStatus.CancelledByClient), this);
        }

        _responseTask = _channel.Invoker.SendAsync(request, _cancellation.Token);
    }

    private async ValueTask<bool> ReadNextWithTokenAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(
            static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(GrpcClientStatus.CancelledByClient), this);
        return await ReadNextAsync();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadNextAsync()
    {
        try
        {
            if (!_headersRead)
            {
                _headersRead = true;
                if (!await ReadResponseHeadersAsync())
                {
                    return Finish();
                }
            }

            if (_responseBody is null)
            {
                return Finish();
            }

            var body = _responseBody;
            while (true)
            {
                var result = await body.ReadAsync(_cancellation.Token);
                var buffer = result.Buffer;
                var consumed = false;
                Status? ended = null;
                try
                {
                    if (GrpcMessageDecoder.TryReadMessage(ref buffer, _channel.Options.MaxReceiveMessageSize, _responseEncoding, out var payload))
                    {
                        _current = Parse(payload);
                        consumed = true;
                    }
                    else if (result.IsCompleted)
                    {
                        ended = buffer.IsEmpty ? ReadTrailerStatus(_response!) : GrpcMessageDecoder.IncompleteMessage;
                    }
                }
                finally
                {
                    if (consumed)
                    {
                        body.AdvanceTo(buffer.Start);
                    }
                    else
                    {
                        body.AdvanceTo(buffer.Start, buffer.End);
                    }
                }

                if (consumed)
                {
                    return true;
                }

                if (ended is { } status)
                {
                    SetStatus(status);
                    return Finish();
                }
            }
        }
        catch (RpcException ex)
        {
            // A malformed or oversized response: this side ends the call.
            Cancel(ex.Status);
            return Finish();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException)
        {
            SetStatus(GrpcClientStatus.FromException(ex));
            return Finish();
        }
    }

    private async ValueTask<bool> ReadResponseHeadersAsync()
    {
        if (_responseTask is null)
        {
            return false;
        }

        var response = await _responseTask;
        lock (_gate)
        {
            _response = response;
            if (_status is not null)
            {
                // Cancelled while the headers were on their way.
                response.Dispose();
                return false;
            }
        }

        var headerStatus = TryReadStatus(response.Headers.NonValidated);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            SetStatus(headerStatus ?? new Status(GrpcClientStatus.FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
            return false;
        }

        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        if (!GrpcContentType.IsGrpc(contentType))
        {
            SetStatus(new Status(StatusCode.Cancelled, $"Bad gRPC response. Invalid content-type value: {contentType}"));
            return false;
        }

        if (headerStatus is { } trailersOnly)
        {
            SetStatus(trailersOnly);
            return false;
        }

        if (response.Headers.NonValidated.TryGetValues(GrpcProtocolConstants.MessageEncodingHeader, out var encoding))
        {
            _responseEncoding = encoding.ToString();
        }

        var stream = await response.Content.ReadAsStreamAsync(_cancellation.Token);
        _responseBody = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024));
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteCoreAsync(TRequest message, CancellationToken cancellationToken)
    {
        CancellationTokenRegistration registration = default;
        try
        {
            if (cancellationToken.CanBeCanceled && cancellationToken != _cancellation.Token)
            {
                registration = cancellationToken.UnsafeRegister(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(GrpcClientStatus.CancelledByClient), this);
            }

            var streamTask = _requestContent!.Stream;
            var stream = streamTask.IsCompletedSuccessfully ? streamTask.Result : await streamTask.WaitAsync(_cancellation.Token);

            var buffer = _writeBuffer ??= new ArrayBufferWriter<byte>(512);
            buffer.ResetWrittenCount();
            GrpcFraming.WriteMessage(buffer, message, message.CalculateSize());

            await stream.WriteAsync(buffer.WrittenMemory, _cancellation.Token);
            await stream.FlushAsync(_cancellation.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // The call's own status (a cancel, a deadline, or the server's verdict read meanwhile) explains the
            // failure best; otherwise report the transport error without fixing the call's final status, which the
            // response side may still read from the trailers.
            Status? status;
            lock (_gate)
            {
                status = _status;
            }

            throw new RpcException(status ?? GrpcClientStatus.FromException(ex));
        }
        finally
        {
            registration.Dispose();
            Volatile.Write(ref _writing, 0);
        }
    }

    private TResponse Parse(ReadOnlySequence<byte> payload)
    {
        try
        {
            return _parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(GrpcMessageDecoder.DeserializationFailed);
        }
    }

    private bool Finish()
    {
        Status status;
        lock (_gate)
        {
            status = _status ?? GrpcClientStatus.NoStatus;
            _status = status;
        }

        Release();

        // Finish runs on the reading side, so no read is in flight: return the reader's pooled buffers.
        _responseBody?.Complete();
        _responseBody = null;
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status);
        }

        return false;
    }

    private void ThrowIfFinished()
    {
        Status? status;
        lock (_gate)
        {
            status = _status;
        }

        if (status is { } s)
        {
            throw s.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(s);
        }
    }

    /// <summary>Records the final status unless one is already known; the first verdict wins.</summary>
    private bool SetStatus(Status status)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                return false;
            }

            _status = status;
            return true;
        }
    }

    /// <summary>Ends the call from this side: the HTTP/2 stream is reset and pending reads and writes fail.</summary>
    private void Cancel(Status status)
    {
        if (!SetStatus(status))
        {
            return;
        }

        _requestContent?.Abort();
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Released concurrently: nothing left to cancel.
        }

        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
        }

        response?.Dispose();
    }

    private void Release()
    {
        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        if (!_requestCompleted)
        {
            // The server finished first; stop the request body so HttpClient releases the stream.
            _requestContent?.Abort();
        }

        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
        }

        response?.Dispose();
    }

    private static Status ReadTrailerStatus(HttpResponseMessage response) =>
        TryReadStatus(response.TrailingHeaders.NonValidated) ?? GrpcClientStatus.NoStatus;

    private static Status? TryReadStatus(System.Net.Http.Headers.HttpHeadersNonValidated headers)
    {
        if (!headers.TryGetValues(GrpcProtocolConstants.StatusTrailer, out var statusValues))
        {
            return null;
        }

        var message = headers.TryGetValues(GrpcProtocolConstants.MessageTrailer, out var messageValues) ? messageValues.ToString() : null;
        return GrpcStatusHeaders.TryParse(statusValues.ToString(), message, out var status) ? status : null;
    }
}
