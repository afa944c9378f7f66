using System.Collections.Frozen;
using EppOperator.Epp.Grpc.Server.CallHandlers;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// The methods a gRPC server serves, by full path (<c>/package.Service/Method</c>). Handlers have the
/// Grpc.AspNetCore shapes, so moving a service onto Grpc.AspNetCore later only changes its registration:
/// <code>
/// registry.AddDuplexStreaming&lt;ProcessingRequest, ProcessingResponse&gt;(
///     "/envoy.service.ext_proc.v3.ExternalProcessor/Process", ProcessingRequest.Parser, processor.Process);
/// </code>
/// Registration may happen at any time (lookups are lock-free over an immutable snapshot), but normally precedes
/// the server start.
/// </summary>
internal sealed class GrpcMethodRegistry
{
    private readonly Lock _gate = new();
    private FrozenDictionary<string, ServerCallHandler> _methods = FrozenDictionary<string, ServerCallHandler>.Empty;
    private FrozenSet<string> _services = FrozenSet<string>.Empty;

    /// <summary>Full paths of the registered methods.</summary>
    public IReadOnlyCollection<string> Methods => _methods.Keys;

    /// <summary>Registers a unary method.</summary>
    /// <exception cref="ArgumentException">The path is malformed or already registered.</exception>
    public GrpcMethodRegistry AddUnary<TRequest, TResponse>(string path, MessageParser<TRequest> requestParser, UnaryMethod<TRequest, TResponse> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        Add(new UnaryCallHandler<TRequest, TResponse>(path, requestParser, handler));

    /// <summary>Registers a server-streaming method.</summary>
    /// <exception cref="ArgumentException">The path is malformed or already registered.</exception>
    public GrpcMethodRegistry AddServerStreaming<TRequest, TResponse>(string path, MessageParser<TRequest> requestParser, ServerStreamingMethod<TRequest, TResponse> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        Add(new ServerStreamingCallHandler<TRequest, TResponse>(path, requestParser, handler));

    /// <summary>Registers a bidirectional streaming method (ext_proc's <c>Process</c> is one).</summary>
    /// <exception cref="ArgumentException">The path is malformed or already registered.</exception>
    public GrpcMethodRegistry AddDuplexStreaming<TRequest, TResponse>(string path, MessageParser<TRequest> requestParser, DuplexStreamingMethod<TRequest, TResponse> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        Add(new DuplexStreamingCallHandler<TRequest, TResponse>(path, requestParser, handler));

    public bool TryGetHandler(string path, out ServerCallHandler handler) =>
        _methods.TryGetValue(path, out handler!);

    /// <summary>True when any method of the fully-qualified service (e.g. <c>grpc.health.v1.Health</c>) is registered.</summary>
    public bool HasService(string service) => _services.Contains(service);

    /// <summary>Splits <c>/package.Service/Method</c> into its service and method names.</summary>
    public static bool TrySplitPath(string path, out string service, out string method)
    {
        service = method = "";
        if (path.Length < 4 || path[0] != '/')
        {
            return false;
        }

        var slash = path.IndexOf('/', 1);
        if (slash <= 1 || slash == path.Length - 1 || path.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        service = path[1..slash];
        method = path[(slash + 1)..];
        return true;
    }

    private GrpcMethodRegistry Add(ServerCallHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!TrySplitPath(handler.Method, out var service, out _))
        {
            throw new ArgumentException($"'{handler.Method}' is not a gRPC method path of the form /package.Service/Method.", nameof(handler));
        }

        lock (_gate)
        {
            if (_methods.ContainsKey(handler.Method))
            {
                throw new ArgumentException($"The method '{handler.Method}' is already registered.", nameof(handler));
            }

            var methods = new Dictionary<string, ServerCallHandler>(_methods, StringComparer.Ordinal) { [handler.Method] = handler };
            _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
            _services = methods.Keys.Select(p => p[1..p.IndexOf('/', 1)]).ToFrozenSet(StringComparer.Ordinal);
        }

        return this;
    }
}
