using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EppOperator.Epp.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// One call on Kestrel: applies the deadline, exposes metadata and cancellation to the handler, and writes the final
/// status either into the response headers (Trailers-Only, when no message was sent) or into the trailers.
/// </summary>
internal sealed class HttpContextServerCallContext : ServerCallContext
{
    /// <summary>HTTP/2 error code CANCEL, sent after a deadline so the client stops streaming (PROTOCOL-HTTP2.md).</summary>
    private const int Http2CancelErrorCode = 0x8;

    private static readonly Status DeadlineExceededStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly Status HandlerExceptionStatus = new(StatusCode.Unknown, "Exception was thrown by handler.");

    private readonly HttpContext _httpContext;
    private readonly GrpcServerRuntime _runtime;
    private CancellationTokenSource? _deadlineSource;
    private ITimer? _deadlineTimer;
    private TimeSpan _timeout;
    private DateTime _deadline = DateTime.MaxValue;
    private int _deadlineExpired;
    private Dictionary<string, string>? _requestHeaders;
    private string? _peer;

    public HttpContextServerCallContext(HttpContext httpContext, string method, GrpcServerRuntime runtime)
    {
        _httpContext = httpContext;
        _runtime = runtime;
        Method = method;
    }

    public override string Method { get; }

    public override string Peer => _peer ??= FormatPeer(_httpContext.Connection.RemoteIpAddress, _httpContext.Connection.RemotePort);

    public override DateTime Deadline => _deadline;

    public override IReadOnlyDictionary<string, string> RequestHeaders => _requestHeaders ??= CollectMetadata(_httpContext.Request.Headers);

    public override CancellationToken CancellationToken => _deadlineSource?.Token ?? _httpContext.RequestAborted;

    public HttpContext HttpContext => _httpContext;

    public GrpcServerOptions Options => _runtime.Options;

    public ILogger Logger => _runtime.Logger;

    /// <summary>The request's <c>grpc-encoding</c>, needed to read compressed messages.</summary>
    public string? RequestEncoding { get; private set; }

    /// <summary>Set once the final status is decided; later writes are refused.</summary>
    public bool IsComplete { get; private set; }

    private bool DeadlineExpired => Volatile.Read(ref _deadlineExpired) == 1;

    /// <summary>Sets the protocol response headers and starts the deadline timer.</summary>
    public void Initialize()
    {
        var request = _httpContext.Request;
        _httpContext.Response.ContentType = GrpcProtocolConstants.GrpcContentType;

        var encoding = request.Headers[GrpcProtocolConstants.MessageEncodingHeader];
        if (encoding.Count == 1)
        {
            RequestEncoding = encoding[0];
            if (!GrpcCompression.IsSupported(RequestEncoding!))
            {
                _httpContext.Response.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader] = GrpcProtocolConstants.SupportedEncodings;
            }
        }

        // Exactly one value, as grpc-dotnet: a repeated header is as good as none.
        var timeoutHeader = request.Headers[GrpcProtocolConstants.TimeoutHeader];
        if (timeoutHeader.Count == 1 && GrpcTimeout.ToServerTimeout(timeoutHeader[0]) is { } timeout)
        {
            var timeProvider = _runtime.TimeProvider;
            _timeout = timeout;
            _deadline = timeProvider.GetUtcNow().UtcDateTime + timeout;
            _deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(_httpContext.RequestAborted);
            _deadlineTimer = timeProvider.CreateTimer(
                static state => ((HttpContextServerCallContext)state!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Lifts the request-body limits Kestrel applies to ordinary requests: a long-lived stream may stay idle for
    /// minutes (ext_proc streams live as long as Envoy's connection) and its total size is bounded per message instead.
    /// </summary>
    public void DisableRequestBodyLimits()
    {
        var features = _httpContext.Features;
        if (features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        if (features.Get<IHttpMaxRequestBodySizeFeature>() is { } maxSize)
        {
            if (!maxSize.IsReadOnly)
            {
                maxSize.MaxRequestBodySize = null;
            }
            else
            {
                GrpcServerLog.UnableToDisableMaxRequestBodySize(Logger);
            }
        }
    }

    /// <summary>The handler returned normally: OK, unless the deadline passed first.</summary>
    public Task EndCallAsync()
    {
        if (DeadlineExpired)
        {
            return DeadlineExceededAsync();
        }

        Complete(Status.DefaultSuccess);
        return Task.CompletedTask;
    }

    /// <summary>The handler (or the transport under it) threw: turn the exception into the call's final status.</summary>
    public Task ProcessHandlerErrorAsync(Exception exception)
    {
        if (DeadlineExpired)
        {
            return DeadlineExceededAsync();
        }

        if (_httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: nobody is left to receive a status.
            IsComplete = true;
            GrpcServerLog.CallCancelled(Logger, Method);
            return Task.CompletedTask;
        }

        if (exception is RpcException rpcException)
        {
            GrpcServerLog.RpcErrorReturned(Logger, Method, rpcException.StatusCode, rpcException.Status.Detail);
            Complete(rpcException.Status);
        }
        else
        {
            GrpcServerLog.ErrorExecutingServiceMethod(Logger, Method, exception);
            var status = Options.EnableDetailedErrors
                ? new Status(StatusCode.Unknown, $"{HandlerExceptionStatus.Detail} {exception.GetType().Name}: {exception.Message}")
                : HandlerExceptionStatus;
            Complete(status);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the deadline timer; the call is over.</summary>
    public void Release()
    {
        _deadlineTimer?.Dispose();
        _deadlineSource?.Dispose();
    }

    private void OnDeadline()
    {
        Interlocked.Exchange(ref _deadlineExpired, 1);
        GrpcServerLog.DeadlineExceeded(Logger, Method, _timeout);
        try
        {
            _deadlineSource!.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished while the timer was firing.
        }
    }

    private async Task DeadlineExceededAsync()
    {
        Complete(DeadlineExceededStatus);
        try
        {
            // Send the status now, then reset the stream so a client still streaming its request stops.
            await _httpContext.Response.CompleteAsync();
            _httpContext.Features.Get<IHttpResetFeature>()?.Reset(Http2CancelErrorCode);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            GrpcServerLog.ErrorEndingCall(Logger, Method, ex);
        }
    }

    private void Complete(Status status)
    {
        IsComplete = true;
        var response = _httpContext.Response;
        IHeaderDictionary destination;
        if (response.HasStarted)
        {
            var trailers = _httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
            if (trailers is null || trailers.IsReadOnly)
            {
                // Kestrel over HTTP/2 always supports trailers; without them a status cannot be delivered.
                throw new InvalidOperationException("Trailers are not supported for this response.");
            }

            destination = trailers;
        }
        else
        {
            // Trailers-Only: no message was sent, so the status rides in the only HEADERS frame.
            destination = response.Headers;
        }

        GrpcStatusHeaders.Write(destination, status);
    }

    private static Dictionary<string, string> CollectMetadata(IHeaderDictionary headers)
    {
        var metadata = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            var key = name.ToLowerInvariant();
            if (!GrpcProtocolConstants.IsFilteredHeader(key))
            {
                metadata[key] = values.ToString();
            }
        }

        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } when address.IsIPv4MappedToIPv6 =>
            string.Create(CultureInfo.InvariantCulture, $"ipv4:{address.MapToIPv4()}:{port}"),
        { AddressFamily: AddressFamily.InterNetworkV6 } => string.Create(CultureInfo.InvariantCulture, $"ipv6:[{address}]:{port}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"ipv4:{address}:{port}"),
    };
}
