using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>utilization-detector</c> (the default): each endpoint contributes max(queue ÷ <see cref="QueueDepthThreshold"/>,
/// KV-cache ÷ <see cref="KvCacheUtilThreshold"/>), or 1 when its metrics are older than
/// <see cref="StalenessThreshold"/>; the pool's saturation is the mean. The queue counts, beyond the scraped waiting
/// requests, the requests this EPP picked for the endpoint that the last scrape cannot have seen yet (in flight minus
/// waiting and running), so saturation rises with each dispatch instead of once per scrape.
/// </summary>
internal sealed class UtilizationDetector : ISaturationDetector
{
    public const string TypeName = "utilization-detector";
    public const int DefaultQueueDepthThreshold = 5;
    public const double DefaultKvCacheUtilThreshold = 0.8;
    public static readonly TimeSpan DefaultStalenessThreshold = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time;

    public UtilizationDetector(
        string name,
        TimeProvider time,
        int queueDepthThreshold = DefaultQueueDepthThreshold,
        double kvCacheUtilThreshold = DefaultKvCacheUtilThreshold,
        TimeSpan? stalenessThreshold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueDepthThreshold, 1);
        if (!(kvCacheUtilThreshold > 0 && kvCacheUtilThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(kvCacheUtilThreshold), "must be in (0, 1]");
        Name = name;
        _time = time;
        QueueDepthThreshold = queueDepthThreshold;
        KvCacheUtilThreshold = kvCacheUtilThreshold;
        StalenessThreshold = stalenessThreshold ?? DefaultStalenessThreshold;
    }

    public string Name { get; }

    public string Type => TypeName;

    public int QueueDepthThreshold { get; }

    public double KvCacheUtilThreshold { get; }

    public TimeSpan StalenessThreshold { get; }

    public double Saturation(ReadOnlySpan<Endpoint> endpoints)
    {
        if (endpoints.IsEmpty) return 1;
        var now = _time.GetUtcNow();
        double total = 0;
        foreach (var endpoint in endpoints) total += EndpointSaturation(endpoint, now);
        return total / endpoints.Length;
    }

    /// <summary>One endpoint's share: 1 when stale, else the larger of its queue and KV-cache ratios.</summary>
    public double EndpointSaturation(Endpoint endpoint, DateTimeOffset now)
    {
        var metrics = endpoint.Metrics;
        if (metrics.IsStale(now, StalenessThreshold)) return 1;
        var unseen = metrics.UncountedOf(endpoint.InFlightRequests);
        return Math.Max((metrics.WaitingQueueSize + unseen) / (double)QueueDepthThreshold, metrics.KvCacheUsage / KvCacheUtilThreshold);
    }

    /// <summary>Each unplaced request is counted as one more queued request on some endpoint.</summary>
    public double Reservation(int endpointCount, int requests, long tokens) =>
        endpointCount == 0 ? 0 : requests / ((double)QueueDepthThreshold * endpointCount);
}
