using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Host;

/// <summary>Everything the <c>epp</c> command line configures, validated.</summary>
internal sealed record EppHostOptions
{
    public int GrpcPort { get; init; } = 9002;

    public int GrpcHealthPort { get; init; } = 9003;

    public int MetricsPort { get; init; } = 9090;

    /// <summary>Address to listen on; null is every interface (tests use loopback).</summary>
    public System.Net.IPAddress? ListenAddress { get; init; }

    public bool SecureServing { get; init; } = true;

    public string? CertPath { get; init; }

    public string? PoolName { get; init; }

    public string PoolNamespace { get; init; } = "default";

    /// <summary>API group of the pool in Kubernetes mode: <c>inference.networking.k8s.io</c> (v1) or the legacy x-k8s.io group.</summary>
    public string PoolGroup { get; init; } = Kube.Entities.Inference.V1InferencePool.Group;

    /// <summary><c>--ha-enable-leader-election</c>: only the holder of lease <c>epp-&lt;ns&gt;-&lt;pool&gt;</c> reports ready.</summary>
    public bool LeaderElection { get; init; }

    /// <summary>Kubeconfig for running outside the cluster; null uses the in-cluster service account (or the default kubeconfig).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>True when the pool comes from the cluster (<c>--pool-name</c> without <c>--endpoints</c>).</summary>
    public bool IsKubernetesMode => Endpoints.Count == 0 && !string.IsNullOrEmpty(PoolName);

    /// <summary>The standalone pool (<c>--endpoints</c>).</summary>
    public IReadOnlyList<EndpointSpec> Endpoints { get; init; } = [];

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRequestBodyBytes { get; init; } = ExtProcOptions.DefaultMaxBodyBytes;

    public int GrpcMaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>YAML with InferenceObjective and InferenceModelRewrite manifests (standalone mode).</summary>
    public string? InferenceResourcesFile { get; init; }

    public bool DisableEndpointSubsetFilter { get; init; }

    /// <summary><c>--conformance-hooks</c>: see <see cref="ExtProcOptions.ConformanceHooks"/>; for conformance runs only.</summary>
    public bool ConformanceHooks { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How model servers' metrics are scraped (interval, staleness, scheme, path).</summary>
    public MetricsScraperOptions Scraper { get; init; } = new();

    /// <summary>Metric names of the static endpoints' engine (vllm, sglang, trtllm-serve, triton-tensorrt-llm).</summary>
    public string EngineType { get; init; } = EngineMetricMappings.Vllm;

    /// <summary>Port of the static endpoints' <c>/metrics</c>; 0 means their serving port.</summary>
    public int ModelServerMetricsPort { get; init; }

    /// <summary>Where the scheduler's EndpointPickerConfig comes from (<c>--config-file</c>, <c>--config-text</c> or the defaults).</summary>
    public SchedulerConfigSource SchedulerConfig { get; init; } = SchedulerConfigSource.Defaults;
}
