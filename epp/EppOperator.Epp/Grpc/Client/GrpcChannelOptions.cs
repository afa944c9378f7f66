using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Epp.Grpc.Client;

/// <summary>How a <see cref="GrpcChannel"/> connects and what it accepts.</summary>
internal sealed record GrpcChannelOptions
{
    /// <summary>Largest response message accepted; larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocolConstants.DefaultMaxReceiveMessageSize;

    /// <summary>For https addresses: trust server certificates issued by this CA (or this self-signed certificate) only.</summary>
    public X509Certificate2? TrustedCertificateAuthority { get; init; }

    /// <summary>For https addresses: a custom server-certificate check, used instead of the system or CA trust.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>
    /// Open another HTTP/2 connection when the server's stream limit is reached, instead of queueing new calls
    /// behind long-lived streams (each ext_proc request of the dev gateway is one stream).
    /// </summary>
    public bool EnableMultipleHttp2Connections { get; init; } = true;

    /// <summary>HTTP/2 PING interval while calls are active; null disables pings.</summary>
    public TimeSpan? KeepAlivePingDelay { get; init; }

    /// <summary>Time to establish a connection before a call fails with UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A handler to send requests through instead of the default <see cref="System.Net.Http.SocketsHttpHandler"/> (tests).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
