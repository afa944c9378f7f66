using EppOperator.Epp.Datalayer;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// Feeds the <see cref="EndpointDatastore"/> from the cluster: watches the InferencePool (v1 or v1alpha2,
/// by name in its namespace) and every pod in that namespace. A pool selection change (selector or target
/// ports) resyncs all pods with <c>ReplaceAll</c>; a pod change upserts or removes just that pod's
/// endpoints. The datastore counts as synced only once both watches have listed and the pool exists, so
/// the EPP reports ready only then; deleting the pool clears the datastore back to unsynced (not ready) until the
/// pool exists again. Pods are watched on every replica, leader or not, so a standby that
/// takes over already knows the endpoints.
/// </summary>
internal sealed class InferencePoolEndpointSource : BackgroundService
{
    private readonly KubernetesClient _client;
    private readonly EppKubernetesOptions _options;
    private readonly EndpointDatastore _datastore;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<string>> _podEndpoints = new(StringComparer.Ordinal);
    private readonly Informer<Pod> _pods;
    private EndpointPoolSpec? _pool;
    private bool _initialised;

    public InferencePoolEndpointSource(KubernetesClient client, EppKubernetesOptions options, EndpointDatastore datastore, ILogger<InferencePoolEndpointSource> logger)
    {
        _client = client;
        _options = options;
        _datastore = datastore;
        _logger = logger;
        _pods = new Informer<Pod>(client, options.Informer with { Namespace = options.PoolNamespace, LabelSelector = null, FieldSelector = null }, logger);
        _pods.AddHandler(OnPodEvent);
    }

    /// <summary>The pool's current selection; null while the pool does not exist.</summary>
    public EndpointPoolSpec? Pool
    {
        get
        {
            lock (_lock)
            {
                return _pool;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CheckPoolCrdAsync(stoppingToken).ConfigureAwait(false);
        var poolWatch = _options.PoolGroup == V1Alpha2InferencePool.Group
            ? WatchPool<V1Alpha2InferencePool>(EndpointPoolSpec.From, out var poolSynced)
            : WatchPool<V1InferencePool>(EndpointPoolSpec.From, out poolSynced);
        var pools = poolWatch(stoppingToken);
        var pods = _pods.RunAsync(stoppingToken);
        try
        {
            await Task.WhenAll(poolSynced(stoppingToken), _pods.WaitForSyncAsync(stoppingToken)).ConfigureAwait(false);
            lock (_lock)
            {
                _initialised = true;
                if (_pool is null) KubernetesSourceLog.PoolMissing(_logger, _options.PoolNamespace, _options.PoolName, _options.PoolGroup);
                else ResyncLocked();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(pools, pods).ConfigureAwait(false);
    }

    private async Task CheckPoolCrdAsync(CancellationToken cancellationToken)
    {
        try
        {
            var served = _options.PoolGroup == V1Alpha2InferencePool.Group
                ? await _client.IsServedAsync<V1Alpha2InferencePool>(cancellationToken).ConfigureAwait(false)
                : await _client.IsServedAsync<V1InferencePool>(cancellationToken).ConfigureAwait(false);
            if (!served) KubernetesSourceLog.PoolCrdMissing(_logger, _options.PoolGroup);
        }
        catch (KubernetesException ex)
        {
            KubernetesSourceLog.ApiServerUnavailable(_logger, "InferencePool", ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private Func<CancellationToken, Task> WatchPool<TPool>(Func<TPool, EndpointPoolSpec> toSpec, out Func<CancellationToken, Task> waitForSync)
        where TPool : class, IKubernetesEntity<TPool>
    {
        var informer = new Informer<TPool>(_client, _options.Informer with
        {
            Namespace = _options.PoolNamespace,
            FieldSelector = $"metadata.name={_options.PoolName}",
            LabelSelector = null,
        }, _logger);
        informer.AddHandler(e => OnPoolEvent(e.Type == InformerEventType.Deleted ? null : toSpec(e.Object)));
        waitForSync = informer.WaitForSyncAsync;
        return informer.RunAsync;
    }

    private void OnPoolEvent(EndpointPoolSpec? pool)
    {
        lock (_lock)
        {
            if (pool is not null && _pool is not null && pool.SameSelection(_pool)) return;
            _pool = pool;
            if (!_initialised) return;
            if (pool is null)
            {
                KubernetesSourceLog.PoolMissing(_logger, _options.PoolNamespace, _options.PoolName, _options.PoolGroup);
                _podEndpoints.Clear();
                _datastore.Clear();
                return;
            }

            KubernetesSourceLog.PoolSelectionChanged(_logger, _options.PoolNamespace, _options.PoolName, pool);
            ResyncLocked();
        }
    }

    private void OnPodEvent(InformerEvent<Pod> podEvent)
    {
        lock (_lock)
        {
            // Before the first full sync every pod is picked up from the cache anyway.
            if (!_initialised || _pool is null) return;
            var pod = podEvent.Object;
            var name = pod.Metadata.Name ?? "";
            var endpoints = podEvent.Type == InformerEventType.Deleted ? [] : PodEndpoints.For(pod, _pool, _options.ModelServerMetricsPort, _options.DefaultEngineType);
            var previous = _podEndpoints.GetValueOrDefault(name) ?? [];
            foreach (var endpoint in endpoints) _datastore.Upsert(endpoint);
            foreach (var stale in previous.Except(endpoints.Select(e => e.Name), StringComparer.Ordinal)) _datastore.Remove(stale);
            if (endpoints.Count == 0) _podEndpoints.Remove(name);
            else _podEndpoints[name] = [.. endpoints.Select(e => e.Name)];
            if (previous.Count != endpoints.Count) KubernetesSourceLog.PodEndpointsChanged(_logger, name, endpoints.Count);
        }
    }

    private void ResyncLocked()
    {
        var pool = _pool!;
        var all = new List<EndpointSpec>();
        _podEndpoints.Clear();
        foreach (var pod in _pods.Cache.List(_options.PoolNamespace))
        {
            var endpoints = PodEndpoints.For(pod, pool, _options.ModelServerMetricsPort, _options.DefaultEngineType);
            if (endpoints.Count == 0) continue;
            all.AddRange(endpoints);
            _podEndpoints[pod.Metadata.Name ?? ""] = [.. endpoints.Select(e => e.Name)];
        }

        _datastore.ReplaceAll(all);
        KubernetesSourceLog.PoolSynced(_logger, _options.PoolNamespace, _options.PoolName, all.Count, _podEndpoints.Count);
    }
}
