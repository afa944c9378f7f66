using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// One client request through the gateway, played the way Envoy's ext_proc filter (FULL_DUPLEX_STREAMED, all
/// header and trailer modes SEND) and override_host load balancing would:
/// <list type="number">
/// <item>client routing headers are removed; request headers (pseudo-headers included) go to the EPP, then the body
/// chunks as they arrive, then trailers;</item>
/// <item>the EPP's header mutations are applied, the destination read from <c>envoy.lb</c> dynamic metadata (else
/// the header) and the EPP's streamed body forwarded to the first reachable pool endpoint of that list;</item>
/// <item>the response headers go to the EPP with the served endpoint in <c>metadata_context</c>, its mutations are
/// applied, and each body chunk goes to the EPP and reaches the client as the EPP returns it;</item>
/// <item>an ImmediateResponse is the client's answer; an EPP failure means round-robin with the original request
/// (fail-open) or 500/504 (fail-closed); a clean close by the EPP means continuing without it.</item>
/// </list>
/// </summary>
internal sealed class GatewayExchange
{
    private const int ChunkSize = 16 * 1024;

    private readonly GatewayServices _services;
    private readonly HttpContext _context;
    private readonly CancellationToken _aborted;
    private readonly long _start;
    private readonly List<string> _flags = [];
    private string? _endpoint;
    private int _status;
    private long _firstByte;
    private TimeSpan? _extProcRequest;
    private TimeSpan? _extProcResponseHeaders;
    private TimeSpan? _extProcFirstChunk;

    public GatewayExchange(GatewayServices services, HttpContext context)
    {
        _services = services;
        _context = context;
        _aborted = context.RequestAborted;
        _start = services.Time.GetTimestamp();
    }

    private GatewayOptions Options => _services.Options;

    private TimeProvider Time => _services.Time;

    public async Task RunAsync()
    {
        var head = ReadRequestHead();
        try
        {
            if (_services.Epp is null) await RunWithoutEppAsync(head).ConfigureAwait(false);
            else await RunWithEppAsync(head).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException && _aborted.IsCancellationRequested)
        {
            _status = 499;
            _flags.Add("client_aborted");
            var (method, path) = (head.Get(":method") ?? "", head.Get(":path") ?? "");
            GatewayLog.ClientAborted(_services.Logger, method, path);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or HttpRequestException)
        {
            // The client's body broke off, or the upstream did after the headers: nothing sensible can follow.
            _flags.Add("stream_error");
            if (_context.Response.HasStarted) _context.Abort();
            else await LocalReplyAsync(ex is BadHttpRequestException ? 400 : 502, ex.Message).ConfigureAwait(false);
        }
        finally
        {
            Finish(head);
        }
    }

    private async Task RunWithoutEppAsync(HeaderBlock head)
    {
        var body = await ReadWholeBodyAsync().ConfigureAwait(false);
        if (body is null)
        {
            await LocalReplyAsync(413, "payload too large").ConfigureAwait(false);
            return;
        }

        await ForwardDirectAsync(head, body).ConfigureAwait(false);
    }

    private async Task RunWithEppAsync(HeaderBlock head)
    {
        using var stream = ExtProcClientStream.Open(_services.Epp!, Options.EppTimeout, Time, _aborted);
        using var pumpCancellation = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
        var hasBody = HasRequestBody();
        var headersMessage = ExtProcMessages.RequestHeaders(head, endOfStream: !hasBody);
        var started = Time.GetTimestamp();
        var pump = PumpRequestAsync(stream, headersMessage, hasBody, pumpCancellation.Token);
        RequestDecision decision;
        try
        {
            decision = await ReadRequestAnswersAsync(stream, head, pump, started).ConfigureAwait(false);
        }
        catch
        {
            await pumpCancellation.CancelAsync().ConfigureAwait(false);
            await ObserveAsync(pump).ConfigureAwait(false);
            throw;
        }

        if (decision.Immediate is { } immediate)
        {
            _flags.Add("epp_immediate");
            await WriteImmediateAsync(immediate).ConfigureAwait(false);
            await AbandonRequestBodyAsync(pump, pumpCancellation).ConfigureAwait(false);
            return;
        }

        if (decision.Failure is { } failure && !await FailOpenAllowedAsync(failure).ConfigureAwait(false))
        {
            await AbandonRequestBodyAsync(pump, pumpCancellation).ConfigureAwait(false);
            return;
        }

        if (decision.Failure is not null || decision.Closed)
        {
            // Fail-open, or the EPP closed cleanly: the client's own request goes on, round-robin.
            var original = await pump.ConfigureAwait(false);
            if (decision.Closed) _flags.Add("epp_closed");
            if (original.Body is null)
            {
                await LocalReplyAsync(413, "payload too large").ConfigureAwait(false);
                return;
            }

            await ForwardDirectAsync(head, original.Body).ConfigureAwait(false);
            return;
        }

        await pump.ConfigureAwait(false);
        var preferred = OverrideHostList.Select(decision.Destination, Options.Pool, out var rejected);
        if (rejected > 0)
        {
            _services.Metrics.RecordRejectedDestinations(rejected);
            GatewayLog.DestinationRejected(_services.Logger, decision.Destination!, rejected);
            _flags.Add("destination_rejected");
        }

        var routed = decision.Headers!;
        var upstream = await _services.Upstream.SendAsync(preferred, endpoint => BuildUpstreamRequest(endpoint, routed, decision.Body!), _aborted).ConfigureAwait(false);
        if (upstream.Response is null)
        {
            await UpstreamUnavailableAsync(upstream).ConfigureAwait(false);
            return;
        }

        if (preferred.Count > 0 && upstream.Endpoint != preferred[0]) _flags.Add("fallback");
        _endpoint = upstream.Endpoint;
        using (upstream.Response)
        {
            if (!await RespondThroughEppAsync(stream, upstream.Response, upstream.Endpoint!).ConfigureAwait(false)) return;
        }

        await _context.Response.CompleteAsync().ConfigureAwait(false);
        await DrainAsync(stream).ConfigureAwait(false);
    }

    /// <summary>Reads the EPP's answers to the request half: the headers answer, then the streamed body to its end.</summary>
    private async Task<RequestDecision> ReadRequestAnswersAsync(ExtProcClientStream stream, HeaderBlock head, Task<ClientRequestBody> pump, long started)
    {
        var read = await stream.ReadAsync(_aborted).ConfigureAwait(false);
        if (read.Failure is { } failure) return new RequestDecision(Failure: failure);
        if (read.Closed) return new RequestDecision(Closed: true);
        var message = read.Message!;
        if (message.ImmediateResponse is { } immediate) return new RequestDecision(Immediate: immediate);
        if (message.ResponseCase != ProcessingResponse.ResponseOneofCase.RequestHeaders)
        {
            return Protocol($"expected the request_headers answer, got {message.ResponseCase}");
        }

        _extProcRequest = Time.GetElapsedTime(started);
        _services.Metrics.RecordExtProc("request", _extProcRequest.Value);
        var headers = head.Clone();
        if (HeaderMutations.Apply(headers, message.RequestHeaders.Response?.HeaderMutation, out _) is { } mutationError) return Protocol(mutationError);
        var destination = ExtProcMessages.DestinationFromMetadata(message.DynamicMetadata) ?? headers.Get(RequestHeaderNames.DestinationEndpoint);
        if (!HasRequestBody()) return new RequestDecision(headers, [], destination);

        // FULL_DUPLEX_STREAMED: the body that goes upstream is exactly what the EPP streams back.
        var body = NewBodyBuffer();
        var trailersSent = (bool?)null;
        while (true)
        {
            read = await stream.ReadAsync(_aborted).ConfigureAwait(false);
            if (read.Failure is { } bodyFailure) return new RequestDecision(Failure: bodyFailure);
            if (read.Closed) return Stream("the EPP closed the stream before the end of the request body");
            message = read.Message!;
            if (message.ImmediateResponse is { } late) return new RequestDecision(Immediate: late);
            if (message.ResponseCase == ProcessingResponse.ResponseOneofCase.RequestTrailers) break;
            if (message.ResponseCase != ProcessingResponse.ResponseOneofCase.RequestBody)
            {
                return Protocol($"expected request_body answers, got {message.ResponseCase}");
            }

            if (message.RequestBody.Response?.BodyMutation?.StreamedResponse is not { } piece)
            {
                return Protocol("a request_body answer without streamed_response (FULL_DUPLEX_STREAMED requires it)");
            }

            if (body.WrittenCount + piece.Body.Length > 4L * Options.MaxRequestBodyBytes) return Protocol("the EPP's request body exceeds the gateway's limit");
            body.Write(piece.Body.Span);
            if (!piece.EndOfStream) continue;

            // A body that ended with trailers still gets the trailers answer.
            trailersSent ??= (await pump.ConfigureAwait(false)).HadTrailers;
            if (trailersSent == false) break;
        }

        return new RequestDecision(headers, body.WrittenSpan.ToArray(), destination);
    }

    /// <summary>
    /// Sends the request headers, then the client's body chunks as they arrive (end of stream on the last one when
    /// the length is known, else an empty final chunk), then any trailers. Keeps a copy of the body for fail-open;
    /// once a write fails it keeps reading the client without sending.
    /// </summary>
    private async Task<ClientRequestBody> PumpRequestAsync(ExtProcClientStream stream, ProcessingRequest headers, bool hasBody, CancellationToken cancellationToken)
    {
        var failure = await stream.SendAsync(headers, cancellationToken).ConfigureAwait(false);
        if (!hasBody) return new ClientRequestBody([], false);

        var copy = NewBodyBuffer();
        var tooLarge = false;
        var remaining = _context.Request.ContentLength;
        var endSent = false;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await _context.Request.Body.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (!tooLarge && copy.WrittenCount + read > Options.MaxRequestBodyBytes) tooLarge = true;
                if (!tooLarge) copy.Write(buffer.AsSpan(0, read));
                remaining -= read;
                var last = remaining == 0;
                if (failure is null)
                {
                    failure = await stream.SendAsync(ExtProcMessages.RequestBody(buffer.AsSpan(0, read), last), cancellationToken).ConfigureAwait(false);
                    endSent = last;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var trailers = RequestTrailers();
        if (failure is null)
        {
            if (trailers is not null) await stream.SendAsync(ExtProcMessages.RequestTrailers(trailers), cancellationToken).ConfigureAwait(false);
            else if (!endSent) await stream.SendAsync(ExtProcMessages.RequestBody([], endOfStream: true), cancellationToken).ConfigureAwait(false);
        }

        return new ClientRequestBody(tooLarge ? null : copy.WrittenSpan.ToArray(), trailers is not null);
    }

    /// <summary>The response half through the EPP; false when the exchange ended early (local reply, abort).</summary>
    private async Task<bool> RespondThroughEppAsync(ExtProcClientStream stream, HttpResponseMessage response, string endpoint)
    {
        var served = ExtProcMessages.Served(endpoint);
        var headers = ResponseHead(response);
        var hasBody = ResponseHasBody(response);
        var started = Time.GetTimestamp();
        var failure = await stream.SendAsync(ExtProcMessages.ResponseHeaders(headers, endOfStream: !hasBody, served), _aborted).ConfigureAwait(false);
        var read = failure is null ? await stream.ReadAsync(_aborted).ConfigureAwait(false) : new ExtProcRead(null, failure);
        var message = read.Message;
        if (message is not null && message.ImmediateResponse is null && message.ResponseCase != ProcessingResponse.ResponseOneofCase.ResponseHeaders)
        {
            read = new ExtProcRead(null, new ExtProcFailure(ExtProcFailureKind.Protocol, $"expected the response_headers answer, got {message.ResponseCase}"));
        }
        else if (message?.ResponseHeaders is { } answer && HeaderMutations.Apply(headers, answer.Response?.HeaderMutation, out _) is { } mutationError)
        {
            read = new ExtProcRead(null, new ExtProcFailure(ExtProcFailureKind.Protocol, mutationError));
        }

        if (read.Failure is { } responseFailure)
        {
            if (!await FailOpenAllowedAsync(responseFailure).ConfigureAwait(false)) return false;
            await PassThroughAsync(response, ResponseHead(response)).ConfigureAwait(false);
            return false;
        }

        if (read.Closed)
        {
            _flags.Add("epp_closed");
            await PassThroughAsync(response, headers).ConfigureAwait(false);
            return false;
        }

        if (message!.ImmediateResponse is { } immediate)
        {
            _flags.Add("epp_immediate");
            await WriteImmediateAsync(immediate).ConfigureAwait(false);
            return false;
        }

        _extProcResponseHeaders = Time.GetElapsedTime(started);
        _services.Metrics.RecordExtProc("response_headers", _extProcResponseHeaders.Value);

        // The EPP may rewrite the body (model-name restore), so the length is left to the framing, as Envoy does.
        await StartResponseAsync(headers, keepContentLength: false).ConfigureAwait(false);
        if (!hasBody) return true;
        return await RelayBodyThroughEppAsync(stream, response, served).ConfigureAwait(false);
    }

    private async Task<bool> RelayBodyThroughEppAsync(ExtProcClientStream stream, HttpResponseMessage response, Envoy.Config.Core.V3.Metadata served)
    {
        using var relay = new ResponseRelay(_context.Response.Body, MarkFirstByte);
        using var bodyCancellation = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
        var streaming = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var firstSent = new StrongBox<long>();
        var pump = PumpResponseAsync(stream, response, served, relay, firstSent, bodyCancellation);
        HeaderBlock? trailers = null;
        var ok = true;
        try
        {
            while (true)
            {
                var read = await stream.ReadUnboundedAsync(bodyCancellation.Token).ConfigureAwait(false);
                var message = read.Message;
                var failure = read.Failure;
                StreamedBodyResponse? piece = null;
                if (message?.ImmediateResponse is not null)
                {
                    failure = new ExtProcFailure(ExtProcFailureKind.Protocol, "an ImmediateResponse after the response started");
                }
                else if (message?.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseTrailers)
                {
                    trailers = (await pump.ConfigureAwait(false)) ?? new HeaderBlock();
                    if (HeaderMutations.Apply(trailers, message.ResponseTrailers.HeaderMutation, out _) is { } error) failure = new ExtProcFailure(ExtProcFailureKind.Protocol, error);
                    else break;
                }
                else if (message is not null)
                {
                    piece = message.ResponseBody?.Response?.BodyMutation?.StreamedResponse;
                    if (piece is null) failure = new ExtProcFailure(ExtProcFailureKind.Protocol, $"expected streamed response_body answers, got {message.ResponseCase}");
                }

                if (failure is not null || read.Closed)
                {
                    if (failure is not null && !Options.FailOpen)
                    {
                        // The client already has the headers: like Envoy, reset the stream.
                        RecordFailure(failure, failedOpen: false);
                        await bodyCancellation.CancelAsync().ConfigureAwait(false);
                        _context.Abort();
                        ok = false;
                        break;
                    }

                    if (failure is not null) RecordFailure(failure, failedOpen: true);
                    else _flags.Add("epp_closed");
                    await relay.SwitchToDirectAsync(_aborted).ConfigureAwait(false);
                    trailers = await pump.ConfigureAwait(false);
                    break;
                }

                if (_extProcFirstChunk is null && streaming && Volatile.Read(ref firstSent.Value) is var sent and not 0)
                {
                    _extProcFirstChunk = Time.GetElapsedTime(sent);
                    _services.Metrics.RecordExtProc("first_body_chunk", _extProcFirstChunk.Value);
                }

                await relay.WriteFromEppAsync(piece!.Body.Memory, _aborted).ConfigureAwait(false);
                if (piece.EndOfStream)
                {
                    trailers = await pump.ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!_aborted.IsCancellationRequested)
        {
            // The upstream broke off mid-body (the pump cancelled this loop): the client cannot get a whole response.
            string reason;
            try
            {
                await pump.ConfigureAwait(false);
                reason = "cancelled";
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
            {
                reason = ex.Message;
            }

            GatewayLog.UpstreamFailed(_services.Logger, _endpoint ?? "", reason);
            _flags.Add("upstream_reset");
            _context.Abort();
            return false;
        }

        if (!ok)
        {
            await ObserveAsync(pump).ConfigureAwait(false);
            return false;
        }

        WriteTrailers(trailers);
        return true;
    }

    /// <summary>
    /// Reads the upstream body and offers each chunk to the relay; chunks the relay queues go to the EPP. Ends with
    /// the trailers message, or an empty end-of-stream chunk when the length was not known. Returns the trailers.
    /// </summary>
    private async Task<HeaderBlock?> PumpResponseAsync(ExtProcClientStream stream, HttpResponseMessage response, Envoy.Config.Core.V3.Metadata served,
        ResponseRelay relay, StrongBox<long> firstSent, CancellationTokenSource bodyCancellation)
    {
        var cancellationToken = bodyCancellation.Token;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var remaining = response.Content.Headers.ContentLength;
            var endSent = false;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                remaining -= read;
                var last = remaining == 0;
                if (!await relay.OfferAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false)) continue;
                if (Volatile.Read(ref firstSent.Value) == 0) Volatile.Write(ref firstSent.Value, Time.GetTimestamp());
                await stream.SendAsync(ExtProcMessages.ResponseBody(buffer.AsSpan(0, read), last, served), cancellationToken).ConfigureAwait(false);
                endSent |= last;
            }

            var trailers = Trailers(response);
            if (!relay.Direct)
            {
                if (trailers is not null) await stream.SendAsync(ExtProcMessages.ResponseTrailers(trailers, served), cancellationToken).ConfigureAwait(false);
                else if (!endSent) await stream.SendAsync(ExtProcMessages.ResponseBody([], endOfStream: true, served), cancellationToken).ConfigureAwait(false);
            }

            return trailers;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !_aborted.IsCancellationRequested)
        {
            await bodyCancellation.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Round-robin to the pool with the client's own request, and the response straight back.</summary>
    private async Task ForwardDirectAsync(HeaderBlock head, byte[] body)
    {
        var upstream = await _services.Upstream.SendAsync([], endpoint => BuildUpstreamRequest(endpoint, head, body), _aborted).ConfigureAwait(false);
        if (upstream.Response is null)
        {
            await UpstreamUnavailableAsync(upstream).ConfigureAwait(false);
            return;
        }

        _endpoint = upstream.Endpoint;
        using (upstream.Response)
        {
            await PassThroughAsync(upstream.Response, ResponseHead(upstream.Response)).ConfigureAwait(false);
        }
    }

    private async Task PassThroughAsync(HttpResponseMessage response, HeaderBlock headers)
    {
        await StartResponseAsync(headers, keepContentLength: true).ConfigureAwait(false);
        if (!ResponseHasBody(response)) return;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(_aborted).ConfigureAwait(false);
            var client = _context.Response.Body;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), _aborted).ConfigureAwait(false)) > 0)
            {
                MarkFirstByte();
                await client.WriteAsync(buffer.AsMemory(0, read), _aborted).ConfigureAwait(false);
                await client.FlushAsync(_aborted).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        WriteTrailers(Trailers(response));
    }

    /// <summary>Fail-open or fail-closed after an ext_proc failure; true when the request should go on round-robin.</summary>
    private async Task<bool> FailOpenAllowedAsync(ExtProcFailure failure)
    {
        RecordFailure(failure, Options.FailOpen);
        if (Options.FailOpen) return true;
        await LocalReplyAsync(failure.Kind == ExtProcFailureKind.Timeout ? 504 : 500, "ext_proc error: " + failure.Detail).ConfigureAwait(false);
        return false;
    }

    private void RecordFailure(ExtProcFailure failure, bool failedOpen)
    {
        _flags.Add(failedOpen ? "fail_open" : "fail_closed");
        _services.Metrics.RecordExtProcFailure(failure.Kind, failedOpen);
        _services.Timings.RecordFailure(failedOpen);
        GatewayLog.ExtProcFailed(_services.Logger, failure, failedOpen ? "failing open: the request continues round-robin" : "failing closed");
    }

    private async Task UpstreamUnavailableAsync(UpstreamResult upstream)
    {
        _flags.Add("upstream_unavailable");
        await LocalReplyAsync(503, "upstream connect error or disconnect/reset before headers. reset reason: " + upstream.Error).ConfigureAwait(false);
    }

    private async Task WriteImmediateAsync(ImmediateResponse immediate)
    {
        var code = (int)(immediate.Status?.Code ?? 0);
        var headers = new HeaderBlock();
        headers.Add(":status", (code >= 200 ? code : 500).ToString(CultureInfo.InvariantCulture));
        if (HeaderMutations.Apply(headers, immediate.Headers, out _) is not null) headers.Remove("content-type");
        if (!immediate.Body.IsEmpty && !headers.Contains("content-type")) headers.Add("content-type", "text/plain");
        headers.Set("content-length", immediate.Body.Length.ToString(CultureInfo.InvariantCulture));
        await StartResponseAsync(headers, keepContentLength: true).ConfigureAwait(false);
        if (!immediate.Body.IsEmpty)
        {
            MarkFirstByte();
            await _context.Response.Body.WriteAsync(immediate.Body.Memory, _aborted).ConfigureAwait(false);
        }
    }

    private async Task LocalReplyAsync(int status, string text)
    {
        if (_context.Response.HasStarted)
        {
            _context.Abort();
            return;
        }

        _status = status;
        _context.Response.StatusCode = status;
        _context.Response.ContentType = "text/plain";
        var bytes = Encoding.UTF8.GetBytes(text);
        _context.Response.ContentLength = bytes.Length;
        await _context.Response.Body.WriteAsync(bytes, _aborted).ConfigureAwait(false);
    }

    private async Task StartResponseAsync(HeaderBlock headers, bool keepContentLength)
    {
        var response = _context.Response;
        _status = int.TryParse(headers.Get(":status"), NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 502;
        response.StatusCode = _status;
        foreach (var (key, value) in headers.Entries)
        {
            if (key.StartsWith(':') || IsHopByHop(key) || (!keepContentLength && key == "content-length")) continue;
            response.Headers.Append(key, value);
        }

        await response.StartAsync(_aborted).ConfigureAwait(false);
    }

    private void WriteTrailers(HeaderBlock? trailers)
    {
        if (trailers is null || trailers.Count == 0 || !_context.Response.SupportsTrailers()) return;
        foreach (var (key, value) in trailers.Entries) _context.Response.AppendTrailer(key, value);
    }

    private async Task DrainAsync(ExtProcClientStream stream)
    {
        // Half-close and let the EPP end the call with OK, so it accounts the exchange as complete.
        await stream.CompleteAsync().ConfigureAwait(false);
        var read = await stream.ReadAsync(_aborted).ConfigureAwait(false);
        while (read.Message is not null) read = await stream.ReadAsync(_aborted).ConfigureAwait(false);
    }

    private HeaderBlock ReadRequestHead()
    {
        var request = _context.Request;
        var headers = new HeaderBlock();
        headers.Add(":authority", request.Host.HasValue ? request.Host.Value : "");
        headers.Add(":path", _context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path + request.QueryString);
        headers.Add(":method", request.Method);
        headers.Add(":scheme", request.Scheme);
        foreach (var (name, values) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            if (key == "host" || key.StartsWith(':') || IsHopByHop(key)) continue;
            if (RequestHeaderNames.IsSystemOwned(key))
            {
                // Only the EPP may name a destination; a client value must reach neither the EPP nor a load balancer.
                _services.Metrics.RecordStrippedRoutingHeader();
                GatewayLog.RoutingHeaderStripped(_services.Logger, key);
                _flags.Add("routing_header_stripped");
                continue;
            }

            foreach (var value in values) headers.Add(key, value ?? "");
        }

        // Envoy's connection manager adds these before any filter runs.
        if (!headers.Contains("x-forwarded-proto")) headers.Add("x-forwarded-proto", request.Scheme);
        if (!headers.Contains(RequestHeaderNames.RequestId)) headers.Add(RequestHeaderNames.RequestId, Guid.NewGuid().ToString());
        return headers;
    }

    private HeaderBlock? RequestTrailers()
    {
        var request = _context.Request;
        if (!request.SupportsTrailers() || !request.CheckTrailersAvailable()) return null;
        var trailers = new HeaderBlock();
        foreach (var (name, values) in _context.Features.Get<IHttpRequestTrailersFeature>()!.Trailers)
        {
            foreach (var value in values) trailers.Add(name, value ?? "");
        }

        return trailers.Count == 0 ? null : trailers;
    }

    private bool HasRequestBody() =>
        _context.Request.ContentLength is { } length ? length > 0 : _context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;

    private async Task<byte[]?> ReadWholeBodyAsync()
    {
        if (!HasRequestBody()) return [];
        if (_context.Request.ContentLength > Options.MaxRequestBodyBytes) return null;
        var copy = NewBodyBuffer();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await _context.Request.Body.ReadAsync(buffer.AsMemory(0, ChunkSize), _aborted).ConfigureAwait(false)) > 0)
            {
                if (copy.WrittenCount + read > Options.MaxRequestBodyBytes) return null;
                copy.Write(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copy.WrittenSpan.ToArray();
    }

    // Sized for the declared length, up to the body limit: a client's Content-Length must not decide what is allocated.
    private ArrayBufferWriter<byte> NewBodyBuffer() =>
        new(_context.Request.ContentLength is > 0 and var length ? (int)Math.Min(length, Options.MaxRequestBodyBytes) : 4096);

    private static HttpRequestMessage BuildUpstreamRequest(string endpoint, HeaderBlock headers, byte[] body)
    {
        var path = headers.Get(":path") is { Length: > 0 } p && p[0] == '/' ? p : "/";
        var request = new HttpRequestMessage(new HttpMethod(headers.Get(":method") ?? "GET"), new Uri("http://" + endpoint + path))
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (body.Length > 0) request.Content = new ByteArrayContent(body);
        if (headers.Get(":authority") is { Length: > 0 } authority) request.Headers.Host = authority;
        foreach (var (key, value) in headers.Entries)
        {
            if (key.StartsWith(':') || key is "content-length" or "host" || IsHopByHop(key)) continue;
            if (!request.Headers.TryAddWithoutValidation(key, value)) request.Content?.Headers.TryAddWithoutValidation(key, value);
        }

        return request;
    }

    private static HeaderBlock ResponseHead(HttpResponseMessage response)
    {
        var headers = new HeaderBlock();
        headers.Add(":status", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            var key = name.ToLowerInvariant();
            if (IsHopByHop(key)) continue;
            foreach (var value in values) headers.Add(key, value);
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            foreach (var value in values) headers.Add(name.ToLowerInvariant(), value);
        }

        return headers;
    }

    private static HeaderBlock? Trailers(HttpResponseMessage response)
    {
        var trailers = new HeaderBlock();
        foreach (var (name, values) in response.TrailingHeaders.NonValidated)
        {
            foreach (var value in values) trailers.Add(name, value);
        }

        return trailers.Count == 0 ? null : trailers;
    }

    private bool ResponseHasBody(HttpResponseMessage response) =>
        !HttpMethods.IsHead(_context.Request.Method) && (int)response.StatusCode is not (204 or 304) && response.Content.Headers.ContentLength is not 0;

    // Connection-level headers are not forwarded; like Envoy, the gateway answers "expect: 100-continue" itself.
    private static bool IsHopByHop(string key) =>
        key is "connection" or "keep-alive" or "proxy-connection" or "transfer-encoding" or "upgrade" or "te" or "trailer" or "expect";

    private void MarkFirstByte()
    {
        if (_firstByte == 0) _firstByte = Time.GetTimestamp();
    }

    // The answer is complete before the rest of the client's body is given up: cancelling a pending body read makes
    // Kestrel drop the connection, which must not take an unsent answer with it.
    private async Task AbandonRequestBodyAsync(Task pump, CancellationTokenSource pumpCancellation)
    {
        await _context.Response.CompleteAsync().ConfigureAwait(false);
        await pumpCancellation.CancelAsync().ConfigureAwait(false);
        await ObserveAsync(pump).ConfigureAwait(false);
    }

    private static RequestDecision Protocol(string detail) => new(Failure: new ExtProcFailure(ExtProcFailureKind.Protocol, detail));

    private static RequestDecision Stream(string detail) => new(Failure: new ExtProcFailure(ExtProcFailureKind.Stream, detail));

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException or HttpRequestException)
        {
            // Abandoned on purpose; its outcome no longer matters.
        }
    }

    private void Finish(HeaderBlock head)
    {
        var duration = Time.GetElapsedTime(_start);
        TimeSpan? firstByte = _firstByte == 0 ? null : Time.GetElapsedTime(_start, _firstByte);
        var status = _status == 0 ? _context.Response.StatusCode : _status;
        _services.Metrics.RecordRequest(status, _endpoint, duration, firstByte);
        _services.Timings.Record(_extProcRequest, _extProcResponseHeaders, _extProcFirstChunk);
        if (!_services.Logger.IsEnabled(LogLevel.Information)) return;
        var extProc = _extProcRequest is null ? null : (TimeSpan?)(_extProcRequest.Value + (_extProcResponseHeaders ?? TimeSpan.Zero) + (_extProcFirstChunk ?? TimeSpan.Zero));
        var (method, path, flags) = (head.Get(":method") ?? "", head.Get(":path") ?? "", _flags.Count == 0 ? "-" : string.Join(',', _flags));
        var (ttft, total, extProcText) = (Ms(firstByte), Ms(duration), Ms(extProc));
        GatewayLog.Access(_services.Logger, method, path, status, _endpoint ?? "-", ttft, total, extProcText, flags);
    }

    private static string Ms(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
