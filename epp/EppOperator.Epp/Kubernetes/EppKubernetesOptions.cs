using EppOperator.Epp.Datalayer;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// The EPP's Kubernetes mode (<c>--pool-name</c>, <c>--pool-namespace</c>, <c>--pool-group</c>,
/// <c>--ha-enable-leader-election</c>): which InferencePool to serve and how to watch it.
/// </summary>
internal sealed record EppKubernetesOptions
{
    public required string PoolName { get; init; }

    public required string PoolNamespace { get; init; }

    /// <summary><c>inference.networking.k8s.io</c> (v1, the default) or <c>inference.networking.x-k8s.io</c> (v1alpha2).</summary>
    public string PoolGroup { get; init; } = V1InferencePool.Group;

    /// <summary>Only the lease holder reports ready (the pool is still watched on every replica).</summary>
    public bool LeaderElection { get; init; }

    /// <summary>
    /// Metrics port of the model servers when the pool has exactly one target port (GAIE's deprecated
    /// <c>--model-server-metrics-port</c>); 0 scrapes each target port itself.
    /// </summary>
    public int ModelServerMetricsPort { get; init; }

    /// <summary>Engine (metric names) of pods without the <c>inference.networking.k8s.io/engine-type</c> label.</summary>
    public string DefaultEngineType { get; init; } = EngineMetricMappings.Vllm;

    /// <summary>This replica's identity in the lease: <c>$POD_NAME</c> (set by the chart) or a host-derived name.</summary>
    public string Identity { get; init; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Lease timings; the defaults are 15 s / 10 s / 2 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reconnect and watchdog settings of the pool and pod informers.</summary>
    public InformerOptions Informer { get; init; } = new();

    /// <summary>The lease this pool's EPP replicas share: <c>epp-&lt;namespace&gt;-&lt;pool&gt;</c>.</summary>
    public string LeaseName => $"epp-{PoolNamespace}-{PoolName}";

    /// <summary>A message naming the flag at fault, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(PoolName)) return "--pool-name is required in Kubernetes mode";
        if (string.IsNullOrWhiteSpace(PoolNamespace)) return "--pool-namespace must not be empty";
        if (PoolGroup is not (V1InferencePool.Group or V1Alpha2InferencePool.Group))
        {
            return $"--pool-group must be {V1InferencePool.Group} or {V1Alpha2InferencePool.Group}, not '{PoolGroup}'";
        }

        if (ModelServerMetricsPort is < 0 or > 65535) return "--model-server-metrics-port must be between 0 and 65535";
        return null;
    }
}
