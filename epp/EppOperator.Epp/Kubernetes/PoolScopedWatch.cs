using EppOperator.Kube.Client;
using EppOperator.Kube.Entities;
using EppOperator.Kube.Informers;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// Watches one optional kind (InferenceObjective, InferenceModelRewrite, InferenceModel) in the pool's
/// namespace and forwards the objects that belong to the pool: one <c>replaceAll</c> after the first list,
/// then <c>upsert</c>/<c>remove</c> per change (an object whose poolRef moved away is removed). When the
/// kind's CRD is not installed at start-up the watch is skipped with a log line, as GAIE's discovery does
/// (installing the CRD later needs an EPP restart).
/// </summary>
internal sealed class PoolScopedWatch<T>
    where T : class, IKubernetesEntity<T>
{
    private readonly KubernetesClient _client;
    private readonly Informer<T> _informer;
    private readonly Func<T, bool> _belongsToPool;
    private readonly Action<IReadOnlyList<T>> _replaceAll;
    private readonly Action<T> _upsert;
    private readonly Action<T> _remove;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private bool _synced;

    public PoolScopedWatch(KubernetesClient client, InformerOptions informer, Func<T, bool> belongsToPool, Action<IReadOnlyList<T>> replaceAll, Action<T> upsert, Action<T> remove, ILogger logger)
    {
        _client = client;
        _belongsToPool = belongsToPool;
        _replaceAll = replaceAll;
        _upsert = upsert;
        _remove = remove;
        _logger = logger;
        _informer = new Informer<T>(client, informer, logger);
        _informer.AddHandler(OnEvent);
    }

    /// <summary>True once the first list was forwarded, or at once when the CRD is absent.</summary>
    public bool HasSynced
    {
        get
        {
            lock (_lock)
            {
                return _synced;
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        bool served;
        try
        {
            served = await _client.IsServedAsync<T>(cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesException ex)
        {
            // Unknown yet: watch anyway; the informer retries until the server answers.
            KubernetesSourceLog.ApiServerUnavailable(_logger, T.EntityType.Kind, ex.Message);
            served = true;
        }

        if (!served)
        {
            KubernetesSourceLog.OptionalCrdMissing(_logger, T.EntityType.Kind, T.EntityType.ApiVersion);
            lock (_lock)
            {
                _synced = true;
            }

            return;
        }

        var run = _informer.RunAsync(cancellationToken);
        try
        {
            await _informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _replaceAll([.. _informer.Cache.List().Where(_belongsToPool)]);
                _synced = true;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await run.ConfigureAwait(false);
    }

    private void OnEvent(InformerEvent<T> informerEvent)
    {
        lock (_lock)
        {
            // Until the first list is forwarded whole, the cache is the source of truth.
            if (!_synced) return;
            if (informerEvent.Type != InformerEventType.Deleted && _belongsToPool(informerEvent.Object)) _upsert(informerEvent.Object);
            else _remove(informerEvent.Object);
        }
    }
}
