namespace EppOperator.Epp.Grpc;

/// <summary>What a handler knows about its call: method, peer, deadline, request metadata and cancellation.</summary>
internal abstract class ServerCallContext
{
    /// <summary>Full method path, e.g. <c>/envoy.service.ext_proc.v3.ExternalProcessor/Process</c>.</summary>
    public abstract string Method { get; }

    /// <summary>Remote address as <c>ipv4:1.2.3.4:5678</c> or <c>ipv6:[::1]:5678</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>Absolute deadline from <c>grpc-timeout</c>, or <see cref="DateTime.MaxValue"/> when none was sent.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Request metadata with lower-case keys; pseudo-headers and transport headers are filtered out.</summary>
    public abstract IReadOnlyDictionary<string, string> RequestHeaders { get; }

    /// <summary>Cancelled when the client resets the stream, the deadline passes or the server shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
