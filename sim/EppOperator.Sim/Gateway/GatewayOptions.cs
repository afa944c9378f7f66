using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary>How <c>eppsim gateway</c> listens, which pool it serves and how it talks to the EPP.</summary>
internal sealed record GatewayOptions
{
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>Client-facing port (HTTP/1.1 and h2c); 0 picks one.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Port of <c>/metrics</c>, <c>/stats/ext_proc</c> and <c>/ready</c> (Envoy's admin listener); 0 picks one.</summary>
    public int AdminPort { get; init; } = 9901;

    /// <summary>The pool: the only endpoints a request may ever be sent to.</summary>
    public required EndpointPool Pool { get; init; }

    /// <summary>The EPP's ext_proc address (http = h2c, https = TLS); null routes round-robin without an EPP.</summary>
    public Uri? EppAddress { get; init; }

    /// <summary>For an https EPP: trust only certificates issued by this CA (or this self-signed certificate).</summary>
    public X509Certificate2? EppCertificateAuthority { get; init; }

    /// <summary>Envoy's <c>failure_mode_allow</c>: when the EPP fails, route round-robin instead of answering 500/504.</summary>
    public bool FailOpen { get; init; }

    /// <summary>Longest wait for an answer the gateway needs from the EPP before the exchange counts as timed out.</summary>
    public TimeSpan EppTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan UpstreamConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upstream connection attempts per request: the EPP's list in order, then the round-robin fallback.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Request bodies beyond this get 413; the gateway keeps the original body for retries and fail-open.</summary>
    public int MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
