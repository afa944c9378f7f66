namespace EppOperator.Sim.Load;

/// <summary>How the load generator drives a server or gateway.</summary>
internal sealed record LoadOptions
{
    /// <summary>Base URL of the gateway or model server (paths /v1/... are appended).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The servers run this much faster than real time; arrivals are compressed and latencies reported
    /// in model time (wall-clock milliseconds divided by this).</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Use prior-knowledge HTTP/2 (h2c) instead of HTTP/1.1.</summary>
    public bool Http2 { get; init; }

    /// <summary>Requests in flight beyond this wait for a free slot; the wait counts in their latency.</summary>
    public int MaxConcurrency { get; init; } = 2048;

    /// <summary>Marks the sheddable users' requests with their objective and reports them apart; null marks none.</summary>
    public SheddableTraffic? Sheddable { get; init; }

    /// <summary>Wall-clock limit per request; a request that exceeds it is an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
