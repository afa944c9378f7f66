using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Client;

/// <summary>
/// A client connection pool to one gRPC server over HTTP/2 (h2c for http addresses, TLS with ALPN h2 for https).
/// Calls are multiplexed as streams over one connection; more connections open only when the server's stream limit
/// is reached. Thread-safe; create one per server and reuse it.
/// <code>
/// using var channel = GrpcChannel.ForAddress(new Uri("http://127.0.0.1:9002"));
/// using var call = channel.DuplexStreaming(path, ProcessingResponse.Parser);
/// await call.RequestStream.WriteAsync(request, ct);
/// while (await call.ResponseStream.MoveNext(ct)) { Use(call.ResponseStream.Current); }
/// </code>
/// </summary>
internal sealed class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options, HttpMessageInvoker invoker)
    {
        Address = address;
        Options = options;
        Invoker = invoker;
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        options ??= new GrpcChannelOptions();
        var handler = options.HttpHandler ?? CreateHandler(options);
        return new GrpcChannel(address, options, new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null));
    }

    /// <summary>Calls a unary method.</summary>
    /// <exception cref="RpcException">The call ended with a status other than OK.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> responseParser, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        using var call = new GrpcCall<TRequest, TResponse>(this, responseParser, options);
        call.StartWithSingleRequest(method, request);
        return await call.ReadSingleResponseAsync();
    }

    /// <summary>Starts a server-streaming call; read with <see cref="GrpcCall{TRequest,TResponse}.ResponseStream"/>.</summary>
    public GrpcCall<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> responseParser, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, responseParser, options);
        call.StartWithSingleRequest(method, request);
        return call;
    }

    /// <summary>Starts a bidirectional streaming call; write and read concurrently, then complete the request stream.</summary>
    public GrpcCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(string method, MessageParser<TResponse> responseParser, CallOptions options = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, responseParser, options);
        call.StartDuplex(method);
        return call;
    }

    public void Dispose() => Invoker.Dispose();

    internal Uri GetMethodUri(string method) =>
        _methodUris.GetOrAdd(method, static (m, address) => new Uri(address, m), Address);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            // Idle streaming calls must not be torn down by the pool.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };

        if (options.KeepAlivePingDelay is { } ping)
        {
            handler.KeepAlivePingDelay = ping;
            handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
        }

        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }
        else if (options.TrustedCertificateAuthority is { } ca)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(ca);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }
}
