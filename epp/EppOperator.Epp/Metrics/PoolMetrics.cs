using System.Diagnostics.Metrics;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The <c>inference_pool_*</c> gauges, computed from the endpoint datastore whenever <c>/metrics</c> is collected
/// (GAIE refreshes them on a 5 s timer). Averages cover endpoints with fresh metrics only, so a dead server does not
/// hold the pool average at its last values; with no fresh endpoint the averages are absent rather than 0.
/// </summary>
internal sealed class PoolMetrics
{
    public const string AverageKvCacheName = "inference_pool_average_kv_cache_utilization";
    public const string AverageQueueName = "inference_pool_average_queue_size";
    public const string AverageRunningName = "inference_pool_average_running_requests";
    public const string ReadyPodsName = "inference_pool_ready_pods";
    public const string PerPodQueueName = "inference_pool_per_pod_queue_size";
    public const string StaleEndpointsName = "inference_pool_stale_endpoints";

    private readonly EndpointDatastore _datastore;
    private readonly TimeSpan _stalenessThreshold;
    private readonly TimeProvider _timeProvider;
    private readonly KeyValuePair<string, object?> _poolTag;

    public PoolMetrics(EppMeter meter, EndpointDatastore datastore, string poolName, TimeSpan stalenessThreshold, TimeProvider timeProvider)
    {
        _datastore = datastore;
        _stalenessThreshold = stalenessThreshold;
        _timeProvider = timeProvider;
        _poolTag = new("name", poolName);

        var m = meter.Meter;
        m.CreateObservableGauge(AverageKvCacheName, () => Average(static e => e.KvCacheUsage), description: "Average KV-cache utilization (0 to 1) of the pool's endpoints with fresh metrics.");
        m.CreateObservableGauge(AverageQueueName, () => Average(static e => e.WaitingQueueSize), description: "Average number of requests waiting in the model-server queues of the pool's endpoints with fresh metrics.");
        m.CreateObservableGauge(AverageRunningName, () => Average(static e => e.RunningRequests), description: "Average number of requests running on the pool's endpoints with fresh metrics.");
        m.CreateObservableGauge(ReadyPodsName, () => new Measurement<int>(_datastore.Current.Count, _poolTag), description: "Number of ready endpoints in the pool.");
        m.CreateObservableGauge(PerPodQueueName, PerPodQueue, description: "Requests waiting in the model-server queue of each pool endpoint with fresh metrics.");
        m.CreateObservableGauge(StaleEndpointsName, () => new Measurement<int>(CountStale(), _poolTag), description: "Pool endpoints whose metrics are older than the staleness threshold (never scraped included).");
    }

    private IEnumerable<Measurement<double>> Average(Func<EndpointMetrics, double> field)
    {
        var now = _timeProvider.GetUtcNow();
        double total = 0;
        var fresh = 0;
        foreach (var endpoint in _datastore.Current.Endpoints)
        {
            var metrics = endpoint.Metrics;
            if (metrics.IsStale(now, _stalenessThreshold)) continue;
            total += field(metrics);
            fresh++;
        }

        return fresh == 0 ? [] : [new Measurement<double>(total / fresh, _poolTag)];
    }

    private IEnumerable<Measurement<int>> PerPodQueue()
    {
        var now = _timeProvider.GetUtcNow();
        var measurements = new List<Measurement<int>>();
        foreach (var endpoint in _datastore.Current.Endpoints)
        {
            var metrics = endpoint.Metrics;
            if (metrics.IsStale(now, _stalenessThreshold)) continue;
            measurements.Add(new Measurement<int>(metrics.WaitingQueueSize, _poolTag, new("model_server_pod", endpoint.Name)));
        }

        return measurements;
    }

    private int CountStale()
    {
        var now = _timeProvider.GetUtcNow();
        return _datastore.Current.Endpoints.Count(e => e.Metrics.IsStale(now, _stalenessThreshold));
    }
}
