namespace EppOperator.Operator.Configuration;

/// <summary>
/// Cluster-wide choices of one operator installation (command-line flags of <c>run</c>, <c>render</c> and
/// <c>manifests</c>; Helm values). Per-pool annotations override the data plane and replica counts.
/// </summary>
internal sealed record OperatorSettings
{
    /// <summary>The operator's own namespace: its lease and the CA Secret live here.</summary>
    public string Namespace { get; init; } = "epp-operator-system";

    /// <summary>Data plane for managed pools without a <c>data-plane</c> annotation.</summary>
    public DataPlane DefaultDataPlane { get; init; } = DataPlane.None;

    public string EppImage { get; init; } = "eppoperator/epp:" + OperatorConstants.BundleVersion;

    public string EnvoyImage { get; init; } = "envoyproxy/envoy:distroless-v1.36.2";

    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>Serve ext_proc over TLS with a certificate from the operator's CA (on by default).</summary>
    public bool SecureServing { get; init; } = true;

    /// <summary>DNS suffix of Services; part of the picker certificate's names.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    public int EppReplicas { get; init; } = 1;

    public int EnvoyReplicas { get; init; } = 1;

    public IReadOnlyDictionary<string, string> EppRequests { get; init; } = new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "512Mi" };

    public IReadOnlyDictionary<string, string> EppLimits { get; init; } = new Dictionary<string, string> { ["memory"] = "2Gi" };

    public IReadOnlyDictionary<string, string> EnvoyRequests { get; init; } = new Dictionary<string, string> { ["cpu"] = "250m", ["memory"] = "128Mi" };

    public IReadOnlyDictionary<string, string> EnvoyLimits { get; init; } = new Dictionary<string, string> { ["memory"] = "1Gi" };

    /// <summary>Lifetime of a picker certificate.</summary>
    public TimeSpan CertificateValidity { get; init; } = TimeSpan.FromDays(90);

    /// <summary>A picker certificate is reissued when less than this is left.</summary>
    public TimeSpan CertificateRenewBefore { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Every pool is reconciled at least this often, to repair drift the watches cannot see.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Retry interval while a reference (a foreign picker Service, a ConfigMap) does not resolve.</summary>
    public TimeSpan UnresolvedRetry { get; init; } = TimeSpan.FromSeconds(30);
}
