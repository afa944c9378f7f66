using EppOperator.Kube.Entities.Core;
using EppOperator.Operator.Entities;

namespace EppOperator.Operator.Planning;

/// <summary>
/// What the planner needs to know about the cluster around one pool. The reconciler reads it from caches and the
/// API; <c>render</c> builds it from the input file, so both produce the same objects.
/// </summary>
internal sealed record PoolFacts
{
    /// <summary>The Service named by the picker reference, or null when it does not exist.</summary>
    public ServiceFacts? EppService { get; init; }

    /// <summary>The picker's serving-certificate Secret (managed pickers with TLS); null when not issued (render).</summary>
    public Secret? EppTlsSecret { get; init; }

    /// <summary>PEM of the operator CA that signed the picker's certificate; null when unknown (render).</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>HTTPRoutes with a backend reference to this pool.</summary>
    public IReadOnlyList<HttpRoute> Routes { get; init; } = [];

    /// <summary>Hash of the user ConfigMap named by the <c>epp-config</c> annotation, null when it does not exist.</summary>
    public string? UserEppConfigHash { get; init; }

    /// <summary>Whether the user ConfigMap exists but lacks the named key.</summary>
    public bool UserEppConfigMissingKey { get; init; }

    public DataPlaneSupport Support { get; init; } = DataPlaneSupport.All;
}
