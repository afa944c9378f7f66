namespace EppOperator.Epp.Tls;

/// <summary>
/// TLS for a gRPC listener, bound from the GAIE-compatible flags <c>--secure-serving</c> (default true) and
/// <c>--cert-path</c>. With a cert path the directory's <c>tls.crt</c>/<c>tls.key</c> are served and reloaded when
/// they change (a rotated Kubernetes Secret); without one a self-signed certificate with SANs is generated at start.
/// </summary>
internal sealed record SecureServingOptions
{
    /// <summary>Serve TLS (h2 via ALPN); false serves cleartext HTTP/2 (h2c).</summary>
    public bool SecureServing { get; init; } = true;

    /// <summary>Directory holding <c>tls.crt</c> and <c>tls.key</c> (PEM), as mounted from a Kubernetes TLS Secret.</summary>
    public string? CertPath { get; init; }

    /// <summary>Extra DNS names or IP addresses for the generated certificate (e.g. the EPP Service's DNS names).</summary>
    public IReadOnlyList<string> ExtraSubjectAlternativeNames { get; init; } = [];

    /// <summary>How often the cert directory is re-read in case a file-system notification was missed.</summary>
    public TimeSpan ReloadPollInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of a generated self-signed certificate.</summary>
    public TimeSpan SelfSignedValidity { get; init; } = TimeSpan.FromDays(365);
}
