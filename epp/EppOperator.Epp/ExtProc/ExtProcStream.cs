using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Requests;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using BodySendMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// One ext_proc stream, i.e. one HTTP exchange. In FULL_DUPLEX_STREAMED mode (what gateways are configured with)
/// the request-headers answer is held until the body's end of stream, then sent with the pick, followed by the
/// body as <c>streamed_response</c> pieces. BUFFERED and STREAMED proxies get the answers those modes expect, and
/// headers-only requests are routed at once. Replies keep the proxy's order: request headers, request body,
/// request trailers, response headers, response body, response trailers.
/// </summary>
internal sealed class ExtProcStream : IDisposable
{
    private readonly RequestDirector _director;
    private readonly IServerStreamWriter<ProcessingResponse> _writer;
    private readonly ILogger _logger;
    private readonly Action<TimeSpan>? _processingTimeObserver;
    private readonly CancellationToken _cancellationToken;
    private readonly BodyAccumulator _requestBody = new();
    private readonly BodyAccumulator _responseBody = new();

    private BodySendMode _requestMode = BodySendMode.FullDuplexStreamed;
    private BodySendMode _responseMode = BodySendMode.FullDuplexStreamed;
    private bool _bodyBeforeHeadersAnswer;
    private Metadata? _metadata;

    private RequestPhase _requestPhase = RequestPhase.AwaitingHeaders;
    private RequestHead? _head;
    private int _heldRequestChunks;
    private bool _passRequestBodyThrough;
    private RoutingDecision? _decision;

    private ResponsePhase _responsePhase = ResponsePhase.AwaitingHeaders;
    private bool _streamingResponse;
    private bool _holdResponseBody;
    private bool _readJsonUsage;
    private SseUsageScanner? _sse;
    private ResponseUsage _usage;
    private long _responseBytes;
    private bool _firstTokenSeen;
    private bool _completed;

    public ExtProcStream(RequestDirector director, IServerStreamWriter<ProcessingResponse> writer, ILogger logger, Action<TimeSpan>? processingTimeObserver, CancellationToken cancellationToken)
    {
        _director = director;
        _writer = writer;
        _logger = logger;
        _processingTimeObserver = processingTimeObserver;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The call's deadline, when the client set one (see <see cref="RequestHead.Deadline"/>).</summary>
    public DateTimeOffset? Deadline { get; init; }

    private ExtProcOptions Options => _director.Options;

    private string RequestId => _head?.RequestId ?? "-";

    /// <summary>Reads the stream to its end. The exchange is completed exactly once, whatever way it ends.</summary>
    public async Task RunAsync(IAsyncStreamReader<ProcessingRequest> requests)
    {
        var endedCleanly = false;
        try
        {
            while (await requests.MoveNext(_cancellationToken).ConfigureAwait(false))
            {
                await HandleAsync(requests.Current).ConfigureAwait(false);
            }

            endedCleanly = true;
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            // The proxy reset the stream (client gone, timeout): nothing to answer, only to account for below.
        }
        finally
        {
            // A proxy that does not send the response body (mode NONE) ends the stream after the headers: that
            // is a completed exchange. Any other early end abandons the request.
            Complete(completed: endedCleanly && _responsePhase == ResponsePhase.ReadingBody && _responseMode == BodySendMode.None);
        }
    }

    public void Dispose()
    {
        _requestBody.Dispose();
        _responseBody.Dispose();
    }

    private ValueTask HandleAsync(ProcessingRequest message)
    {
        if (message.ProtocolConfig is { } protocol)
        {
            // Sent once, on the first message, by proxies that know it; without it the gateway default applies.
            _requestMode = protocol.RequestBodyMode;
            _responseMode = protocol.ResponseBodyMode;
            _bodyBeforeHeadersAnswer = protocol.SendBodyWithoutWaitingForHeaderResponse;
        }

        if (message.MetadataContext is { } metadata) _metadata = metadata;
        return message.RequestCase switch
        {
            ProcessingRequest.RequestOneofCase.RequestHeaders => OnRequestHeadersAsync(message.RequestHeaders),
            ProcessingRequest.RequestOneofCase.RequestBody => OnRequestBodyAsync(message.RequestBody),
            ProcessingRequest.RequestOneofCase.RequestTrailers => OnRequestTrailersAsync(),
            ProcessingRequest.RequestOneofCase.ResponseHeaders => OnResponseHeadersAsync(message.ResponseHeaders),
            ProcessingRequest.RequestOneofCase.ResponseBody => OnResponseBodyAsync(message.ResponseBody),
            ProcessingRequest.RequestOneofCase.ResponseTrailers => OnResponseTrailersAsync(),
            _ => Ignore("message without a request, response, body or trailers"),
        };
    }

    private async ValueTask OnRequestHeadersAsync(HttpHeaders headers)
    {
        if (_requestPhase != RequestPhase.AwaitingHeaders)
        {
            await Ignore("request_headers received twice").ConfigureAwait(false);
            return;
        }

        _head = ReadHead(headers.Headers);
        if (headers.EndOfStream || _requestMode == BodySendMode.None)
        {
            // No body will reach the EPP (none exists, or the proxy does not send it): route on the headers alone.
            await RouteAsync(hasBody: false, endedByTrailers: false).ConfigureAwait(false);
            return;
        }

        switch (_requestMode)
        {
            case BodySendMode.Buffered or BodySendMode.BufferedPartial:
                // The proxy waits for this answer before sending the body; the pick rides on the body answer.
                _requestPhase = RequestPhase.ReadingBody;
                await WriteAsync(ExtProcResponses.ContinueRequestHeaders()).ConfigureAwait(false);
                break;
            case BodySendMode.Streamed when !_bodyBeforeHeadersAnswer:
                // Headers reach the upstream before any chunk could be read: route without the body, pass it through.
                _passRequestBodyThrough = true;
                await RouteAsync(hasBody: false, endedByTrailers: false).ConfigureAwait(false);
                break;
            default:
                _requestPhase = RequestPhase.ReadingBody;
                break;
        }
    }

    private async ValueTask OnRequestBodyAsync(HttpBody body)
    {
        switch (_requestPhase)
        {
            case RequestPhase.Rejected:
                return;
            case RequestPhase.Routed when _passRequestBodyThrough:
                await WriteAsync(ExtProcResponses.ContinueRequestBody()).ConfigureAwait(false);
                return;
            case RequestPhase.Routed:
                await Ignore("request_body after the request's end of stream").ConfigureAwait(false);
                return;
            case RequestPhase.AwaitingHeaders:
                // Request headers are not sent when the proxy's header mode is SKIP: route on the body alone.
                _head = ReadHead(null);
                _requestPhase = RequestPhase.ReadingBody;
                break;
        }

        var started = _director.TimeProvider.GetTimestamp();
        if ((long)_requestBody.Length + body.Body.Length > Options.MaxRequestBodyBytes)
        {
            await RejectAsync(new InferenceError(InferenceErrorCode.PayloadTooLarge, $"request body exceeds {Options.MaxRequestBodyBytes} bytes")).ConfigureAwait(false);
            return;
        }

        if (_requestMode == BodySendMode.BufferedPartial && !body.EndOfStream)
        {
            // The proxy's buffer filled up and the rest of the body will never reach the EPP: it cannot be parsed.
            await RejectAsync(new InferenceError(InferenceErrorCode.PayloadTooLarge, "request body exceeds the proxy's buffer (BUFFERED_PARTIAL mode)")).ConfigureAwait(false);
            return;
        }

        _requestBody.Append(body.Body);
        _heldRequestChunks++;
        if (body.EndOfStream)
        {
            await RouteAsync(hasBody: true, endedByTrailers: false, started).ConfigureAwait(false);
        }
    }

    private async ValueTask OnRequestTrailersAsync()
    {
        switch (_requestPhase)
        {
            case RequestPhase.Rejected:
                return;
            case RequestPhase.ReadingBody:
                // Trailers end the body when the last chunk did not carry end_of_stream.
                await RouteAsync(hasBody: true, endedByTrailers: true).ConfigureAwait(false);
                if (_requestPhase == RequestPhase.Rejected) return;
                break;
        }

        // The reference leaves request trailers unanswered, which stalls a proxy waiting for the answer.
        await WriteAsync(ExtProcResponses.RequestTrailers()).ConfigureAwait(false);
    }

    private async ValueTask RouteAsync(bool hasBody, bool endedByTrailers, long started = 0)
    {
        if (started == 0) started = _director.TimeProvider.GetTimestamp();
        var head = _head!;
        RoutingOutcome outcome;
        try
        {
            outcome = await _director.DecideAsync(head, hasBody ? _requestBody.Memory : null, _metadata, _cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ExtProcLog.RoutingFailed(_logger, head.RequestId, ex);
            outcome = _director.Reject(head, "", "", new InferenceError(InferenceErrorCode.Internal, "request could not be routed"));
        }

        if (outcome.Error is { } error)
        {
            await RejectAsync(error, alreadyCounted: true).ConfigureAwait(false);
            return;
        }

        var decision = outcome.Decision!;
        _decision = decision;
        _requestPhase = RequestPhase.Routed;
        int? contentLength = hasBody ? decision.Body.Length : null;
        var generatedId = head.RequestIdGenerated ? head.RequestId : null;

        if (hasBody && _requestMode is BodySendMode.Buffered or BodySendMode.BufferedPartial)
        {
            await WriteAsync(ExtProcResponses.RouteBufferedBody(decision.Destination, decision.Body, decision.BodyChanged, generatedId)).ConfigureAwait(false);
            _processingTimeObserver?.Invoke(_director.TimeProvider.GetElapsedTime(started));
            return;
        }

        await WriteAsync(ExtProcResponses.RouteHeaders(decision.Destination, contentLength, generatedId)).ConfigureAwait(false);
        _processingTimeObserver?.Invoke(_director.TimeProvider.GetElapsedTime(started));
        if (!hasBody) return;

        if (_requestMode == BodySendMode.Streamed)
        {
            await AnswerHeldChunksAsync(decision).ConfigureAwait(false);
            return;
        }

        // With trailers still to come, the body must not claim the end of the stream.
        if (!decision.BodyChanged && _requestBody.SingleChunk is { Length: <= ExtProcConstants.MaxBodyPieceBytes } original)
        {
            await WriteAsync(ExtProcResponses.StreamedRequestBody(original, !endedByTrailers)).ConfigureAwait(false);
            return;
        }

        await WritePiecesAsync(decision.Body, !endedByTrailers, request: true).ConfigureAwait(false);
    }

    // STREAMED with send_body_without_waiting_for_header_response: every held chunk gets its own answer; a
    // rewritten body replaces the last chunk and the earlier ones are cleared.
    private async ValueTask AnswerHeldChunksAsync(RoutingDecision decision)
    {
        for (var i = 0; i < _heldRequestChunks; i++)
        {
            var last = i == _heldRequestChunks - 1;
            var answer = !decision.BodyChanged ? ExtProcResponses.ContinueRequestBody()
                : ExtProcResponses.ReplaceRequestChunk(last ? decision.Body : ReadOnlyMemory<byte>.Empty);
            await WriteAsync(answer).ConfigureAwait(false);
        }

        _heldRequestChunks = 0;
    }

    private async ValueTask OnResponseHeadersAsync(HttpHeaders headers)
    {
        if (_responsePhase != ResponsePhase.AwaitingHeaders)
        {
            await Ignore("response_headers received twice").ConfigureAwait(false);
            return;
        }

        var contentType = ExtProcHeaders.Find(headers.Headers, RequestHeaderNames.ContentType);
        var isSse = contentType?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        _streamingResponse = isSse || _decision?.Request.Stream == true;
        _sse = isSse ? new SseUsageScanner() : null;
        _readJsonUsage = !isSse && _decision is not null;
        // Only a FULL_DUPLEX_STREAMED proxy lets the EPP answer a chunk later than it arrived.
        _holdResponseBody = !_streamingResponse && _decision is not null && _responseMode == BodySendMode.FullDuplexStreamed;

        if (_decision is not null) _director.ResponseReceived(_decision, StatusOf(headers.Headers));

        var served = Options.ConformanceHooks ? ServedEndpoint() : null;
        var canMutateBody = _responseMode is BodySendMode.FullDuplexStreamed or BodySendMode.Streamed or BodySendMode.Buffered or BodySendMode.BufferedPartial;
        await WriteAsync(ExtProcResponses.ResponseHeaders(served, Options.ConformanceHooks, _decision?.Restorer is not null && canMutateBody)).ConfigureAwait(false);

        _responsePhase = ResponsePhase.ReadingBody;
        if (headers.EndOfStream)
        {
            _responsePhase = ResponsePhase.Done;
            Complete(completed: true);
        }
    }

    private async ValueTask OnResponseBodyAsync(HttpBody body)
    {
        if (_responsePhase == ResponsePhase.Done)
        {
            await Ignore("response_body after the response's end of stream").ConfigureAwait(false);
            return;
        }

        // A response without a request happens when the proxy skips request processing: pass it through.
        _responsePhase = ResponsePhase.ReadingBody;
        var chunk = body.Body;
        _responseBytes += chunk.Length;
        if (_decision is not null && !_firstTokenSeen && !chunk.IsEmpty)
        {
            _firstTokenSeen = true;
            _director.RecordFirstToken(_decision);
        }

        _sse?.Append(chunk.Span);
        if (_readJsonUsage || _holdResponseBody)
        {
            if ((long)_responseBody.Length + chunk.Length <= Options.MaxResponseBufferBytes)
            {
                _responseBody.Append(chunk);
            }
            else
            {
                ExtProcLog.ResponseBufferOverflow(_logger, RequestId, Options.MaxResponseBufferBytes);
                _readJsonUsage = false;
                if (_holdResponseBody)
                {
                    _holdResponseBody = false;
                    await WritePiecesAsync(Restore(_responseBody.Memory), endOfStream: false, request: false).ConfigureAwait(false);
                }

                _responseBody.Clear();
            }
        }

        if (_holdResponseBody)
        {
            if (body.EndOfStream) await FinishHeldResponseAsync(endOfStream: true).ConfigureAwait(false);
        }
        else
        {
            await EchoResponseChunkAsync(chunk, body.EndOfStream).ConfigureAwait(false);
        }

        if (body.EndOfStream) FinishResponse();
    }

    private async ValueTask OnResponseTrailersAsync()
    {
        if (_responsePhase != ResponsePhase.Done)
        {
            // Trailers end the body when its last chunk did not carry end_of_stream.
            if (_holdResponseBody) await FinishHeldResponseAsync(endOfStream: false).ConfigureAwait(false);
            FinishResponse();
        }

        await WriteAsync(ExtProcResponses.ResponseTrailers()).ConfigureAwait(false);
    }

    private async ValueTask EchoResponseChunkAsync(ByteString chunk, bool endOfStream)
    {
        var restored = _decision?.Restorer?.Restore(chunk.Span);
        if (_responseMode == BodySendMode.FullDuplexStreamed)
        {
            var piece = restored is null ? chunk : UnsafeByteOperations.UnsafeWrap(restored);
            if (piece.Length <= ExtProcConstants.MaxBodyPieceBytes)
            {
                await WriteAsync(ExtProcResponses.StreamedResponseBody(piece, endOfStream)).ConfigureAwait(false);
            }
            else
            {
                await WritePiecesAsync(piece.Memory, endOfStream, request: false).ConfigureAwait(false);
            }

            return;
        }

        await WriteAsync(restored is null ? ExtProcResponses.ContinueResponseBody() : ExtProcResponses.ReplaceResponseChunk(restored)).ConfigureAwait(false);
    }

    private async ValueTask FinishHeldResponseAsync(bool endOfStream)
    {
        _holdResponseBody = false;
        await WritePiecesAsync(Restore(_responseBody.Memory), endOfStream, request: false).ConfigureAwait(false);
    }

    private ReadOnlyMemory<byte> Restore(ReadOnlyMemory<byte> body) =>
        _decision?.Restorer?.Restore(body.Span) is { } restored ? restored : body;

    private void FinishResponse()
    {
        _responsePhase = ResponsePhase.Done;
        if (_sse is not null)
        {
            _sse.Complete();
            if (_sse.Usage is { } usage) _usage = usage;
        }
        else if (_readJsonUsage && ResponseUsageReader.TryRead(_responseBody.Memory.Span, out var usage))
        {
            _usage = usage;
        }

        _responseBody.Clear();
        Complete(completed: true);
    }

    private void Complete(bool completed)
    {
        if (_completed || _decision is null) return;
        _completed = true;
        if (!completed) ExtProcLog.StreamAbandoned(_logger, RequestId);
        _director.Complete(_decision, _usage, _responseBytes, completed);
    }

    private async ValueTask RejectAsync(InferenceError error, bool alreadyCounted = false)
    {
        if (!alreadyCounted) _director.Reject(_head!, "", "", error);
        _requestPhase = RequestPhase.Rejected;
        await WriteAsync(ExtProcResponses.Immediate(error)).ConfigureAwait(false);
    }

    private async ValueTask WritePiecesAsync(ReadOnlyMemory<byte> body, bool endOfStream, bool request)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(ExtProcConstants.MaxBodyPieceBytes, body.Length - offset);
            var piece = UnsafeByteOperations.UnsafeWrap(body.Slice(offset, length));
            offset += length;
            var last = offset >= body.Length;
            var eos = last && endOfStream;
            await WriteAsync(request ? ExtProcResponses.StreamedRequestBody(piece, eos) : ExtProcResponses.StreamedResponseBody(piece, eos)).ConfigureAwait(false);
        }
        while (offset < body.Length);
    }

    // Body pieces wrap pooled buffers without copying; the transport serialises a message before WriteAsync
    // completes (IServerStreamWriter's contract), and the buffers are returned only when the stream ends.
    private ValueTask WriteAsync(ProcessingResponse response) => _writer.WriteAsync(response, _cancellationToken);

    private ValueTask Ignore(string violation)
    {
        ExtProcLog.ProtocolViolation(_logger, RequestId, violation);
        return ValueTask.CompletedTask;
    }

    private RequestHead ReadHead(HeaderMap? map)
    {
        var headers = ExtProcHeaders.ReadRequestHeaders(map);
        var generated = !headers.TryGetValue(RequestHeaderNames.RequestId, out var requestId) || requestId.Length == 0;
        if (generated)
        {
            requestId = Guid.NewGuid().ToString();
            headers[RequestHeaderNames.RequestId] = requestId;
        }

        var time = _director.TimeProvider;
        return new RequestHead(headers, requestId!, generated, time.GetUtcNow(), time.GetTimestamp()) { Deadline = Deadline };
    }

    private string? ServedEndpoint()
    {
        if (_metadata is null || !_metadata.FilterMetadata.TryGetValue(RequestHeaderNames.LbMetadataNamespace, out var lb)) return null;
        return lb.Fields.TryGetValue(RequestHeaderNames.DestinationEndpointServed, out var value) && value.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue
            ? value.StringValue
            : null;
    }

    // Envoy sends the pseudo-header; the reference reads a plain "status" key, kept as a fallback.
    private static int StatusOf(HeaderMap? headers)
    {
        var text = ExtProcHeaders.Find(headers, RequestHeaderNames.Status) ?? ExtProcHeaders.Find(headers, RequestHeaderNames.LegacyStatus);
        return int.TryParse(text, out var status) ? status : 0;
    }
}
