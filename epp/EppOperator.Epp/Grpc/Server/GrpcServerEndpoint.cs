using System.Net;
using EppOperator.Epp.Tls;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// Where and how a gRPC listener accepts connections: an address and port (0 picks a free one), and TLS when a
/// certificate provider is given (HTTP/2 negotiated by ALPN; HTTP/1.1 clients get 426) or else cleartext HTTP/2
/// with prior knowledge (h2c; Kestrel answers HTTP/1.1 on such a port with 400 itself).
/// </summary>
internal sealed record GrpcServerEndpoint
{
    /// <summary>Address to bind; null binds every interface (IPv4 and IPv6).</summary>
    public IPAddress? Address { get; init; }

    public int Port { get; init; }

    /// <summary>Certificate source for TLS; null serves h2c.</summary>
    public ServerCertificateProvider? Certificate { get; init; }

    /// <summary>
    /// HTTP/2 streams one client connection may hold open (SETTINGS_MAX_CONCURRENT_STREAMS). Envoy multiplexes every
    /// ext_proc stream of a worker onto one connection, so the Kestrel default of 100 is raised.
    /// </summary>
    public int MaxConcurrentStreams { get; init; } = 1000;

    public bool IsSecure => Certificate is not null;

    /// <summary>A listener on 127.0.0.1, for tests and local tools.</summary>
    public static GrpcServerEndpoint Loopback(int port = 0, ServerCertificateProvider? certificate = null) =>
        new() { Address = IPAddress.Loopback, Port = port, Certificate = certificate };
}
