using System.Net;
using EppOperator.Kube.Config;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Configuration;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Hosting;

/// <summary>Everything <c>epp-operator run</c> configures: the cluster, the settings and the process's own knobs.</summary>
internal sealed record OperatorRunOptions
{
    public required KubeClientConfig Kube { get; init; }

    public OperatorSettings Settings { get; init; } = new();

    /// <summary>Replicas elect a leader on the Lease <c>epp-operator</c> in the operator's namespace; only it reconciles.</summary>
    public bool LeaderElection { get; init; } = true;

    public string Identity { get; init; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public bool EnableEnvoyGateway { get; init; } = true;

    public bool EnableIstio { get; init; } = true;

    /// <summary>Prometheus <c>/metrics</c>; 0 picks a free port.</summary>
    public int MetricsPort { get; init; } = Install.InstallManifestBuilder.MetricsPort;

    /// <summary><c>/healthz</c> and <c>/readyz</c>; 0 picks a free port.</summary>
    public int HealthPort { get; init; } = Install.InstallManifestBuilder.HealthPort;

    /// <summary>Address to listen on; null is every interface (tests use loopback).</summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>Watch reconnect and watchdog timings of every informer.</summary>
    public InformerOptions Informer { get; init; } = new();

    public int MaxConcurrentReconciles { get; init; } = 2;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
