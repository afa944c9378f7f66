namespace EppOperator.Kube.Client;

/// <summary>Client behaviour that is not part of the cluster configuration.</summary>
internal sealed record KubernetesClientOptions
{
    /// <summary>Deadline of one non-watch request (watches are bounded by their own timeout and watchdog).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; init; } = "eppoperator";

    /// <summary>How often a bearer token file is re-read; service-account tokens rotate (client-go: 1 min).</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest watch line accepted; a longer line is treated as a broken stream.</summary>
    public int MaxWatchLineBytes { get; init; } = 16 * 1024 * 1024;
}
