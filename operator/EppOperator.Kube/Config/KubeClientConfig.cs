using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Kube.Config;

/// <summary>
/// Everything needed to reach and authenticate to one API server, whichever way it was found (kubeconfig
/// or in-cluster service account). Build it with <see cref="KubeConfigLoader"/> or <see cref="InClusterConfig"/>.
/// </summary>
internal sealed record KubeClientConfig
{
    public required Uri Server { get; init; }

    /// <summary>Namespace used when a call does not name one (kubeconfig context or service account namespace).</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Trust anchors for the server certificate; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthority { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name to verify in the server certificate when it differs from the host in <see cref="Server"/>.</summary>
    public string? TlsServerName { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A fixed bearer token (kubeconfig <c>token</c>).</summary>
    public string? BearerToken { get; init; }

    /// <summary>A token file re-read periodically, because projected service-account tokens rotate.</summary>
    public string? BearerTokenFile { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Where this configuration came from, for log and error messages (never contains secrets).</summary>
    public string Source { get; init; } = "";
}
