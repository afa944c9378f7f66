namespace EppOperator.Epp.Datalayer;

/// <summary>
/// How the EPP scrapes model servers. Defaults match GAIE's flags (<c>--refresh-metrics-interval</c> 50ms,
/// <c>--metrics-staleness-threshold</c> 2s, <c>--model-server-metrics-scheme</c> http,
/// <c>--model-server-metrics-path</c> /metrics, <c>--model-server-metrics-https-insecure-skip-verify</c> true).
/// </summary>
internal sealed record MetricsScraperOptions
{
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Metrics older than this count as stale: the scheduler stops trusting them and the pool gauges skip them.</summary>
    public TimeSpan StalenessThreshold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-endpoint limit for one scrape, connect included; GAIE's poll timeout is 1 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    public string Scheme { get; init; } = "http";

    public string Path { get; init; } = "/metrics";

    /// <summary>Accept any certificate on https scrapes, as GAIE does by default (pods rarely have verifiable certificates).</summary>
    public bool InsecureSkipVerify { get; init; } = true;

    /// <summary>A larger page fails the scrape; bounds the memory one misbehaving server can make the EPP hold.</summary>
    public int MaxResponseBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Null when usable; otherwise a message naming the flag at fault.</summary>
    public string? Validate()
    {
        if (RefreshInterval <= TimeSpan.Zero) return $"--refresh-metrics-interval must be positive (got {RefreshInterval})";
        if (StalenessThreshold <= TimeSpan.Zero) return $"--metrics-staleness-threshold must be positive (got {StalenessThreshold})";
        if (Timeout <= TimeSpan.Zero) return $"the metrics scrape timeout must be positive (got {Timeout})";
        if (Scheme is not ("http" or "https")) return $"--model-server-metrics-scheme must be http or https (got '{Scheme}')";
        if (!Path.StartsWith('/')) return $"--model-server-metrics-path must start with '/' (got '{Path}')";
        if (MaxResponseBytes is < 1024 or > 1 << 30) return $"the metrics response limit must be between 1 KiB and 1 GiB (got {MaxResponseBytes} bytes)";
        return null;
    }
}
