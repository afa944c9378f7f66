using System.Collections.Concurrent;
using System.Diagnostics;
using EppOperator.Kube.Client;
using EppOperator.Kube.Finalizers;
using EppOperator.Kube.Informers;
using EppOperator.Kube.LeaderElection;
using EppOperator.Kube.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Controllers;

/// <summary>
/// Runs one <see cref="IEntityController{TEntity}"/>: an informer fills the cache; events become keys in a
/// deduplicating work queue; workers reconcile only after the cache has synced and only while this process
/// leads (when an elector is configured). Dispatch follows KubeOps: new objects reconcile; modifications
/// reconcile only when the generation changed (status-only writes are skipped; objects without a
/// generation reconcile on any change); a deleting object with a registered finalizer runs that finalizer
/// and has it removed; a deleted object gets <see cref="IEntityController{TEntity}.DeletedAsync"/>. Losing
/// the lease cancels in-flight reconciles at once and clears the queue.
/// </summary>
internal sealed class EntityControllerHost<TEntity> : BackgroundService, IEntityRequeue<TEntity>
    where TEntity : class, IKubernetesEntity<TEntity>
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ControllerOptions<TEntity> _options;
    private readonly FinalizerRegistry<TEntity> _finalizers;
    private readonly KubernetesClient _client;
    private readonly ILeaderElector? _elector;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;
    private readonly WorkQueue<NamespacedName> _queue;
    private readonly ConcurrentDictionary<NamespacedName, TEntity> _tombstones = new();
    private readonly string _kind = TEntity.EntityType.Kind;

    public EntityControllerHost(
        IServiceScopeFactory scopes,
        KubernetesClient client,
        ControllerOptions<TEntity> options,
        FinalizerRegistry<TEntity> finalizers,
        ILogger<EntityControllerHost<TEntity>> logger,
        TimeProvider timeProvider,
        ILeaderElector? elector = null,
        IHostApplicationLifetime? lifetime = null,
        Random? random = null)
    {
        _scopes = scopes;
        _client = client;
        _options = options;
        _finalizers = finalizers;
        _elector = options.RequireLeadership ? elector : null;
        _lifetime = lifetime;
        _logger = logger;
        _queue = new WorkQueue<NamespacedName>(timeProvider, options.RetryBaseDelay, options.RetryMaxDelay);
        Informer = new Informer<TEntity>(client, options.Informer, logger, random);
        Informer.AddHandler(OnInformerEvent);
    }

    public Informer<TEntity> Informer { get; }

    public InformerCache<TEntity> Cache => Informer.Cache;

    /// <summary>True while workers run (cache synced and, if required, leading).</summary>
    public bool IsReconciling { get; private set; }

    public void Requeue(NamespacedName key, TimeSpan? delay = null)
    {
        if (delay is { } d) _queue.AddAfter(key, d);
        else _queue.Add(key);
    }

    public override void Dispose()
    {
        _queue.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informer = Informer.RunAsync(stoppingToken);
        try
        {
            await Informer.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var leadership = _elector is null ? CancellationToken.None : await _elector.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
                using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership);

                // A new term starts from the current state: every cached object (and pending deletion) is reconciled.
                foreach (var key in Cache.Keys()) _queue.Add(key);
                foreach (var key in _tombstones.Keys) _queue.Add(key);
                ControllerLog.ControllerStarted(_logger, _kind, Cache.Count);
                IsReconciling = true;
                var workers = Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentReconciles)).Select(_ => WorkAsync(running.Token)).ToList();
                await Task.WhenAll(workers).ConfigureAwait(false);
                IsReconciling = false;
                _queue.Clear();
                if (!stoppingToken.IsCancellationRequested) ControllerLog.ControllerPaused(_logger, _kind);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A controller that cannot run must not leave a half-working process behind.
            ControllerLog.ControllerCrashed(_logger, ex, _kind);
            _lifetime?.StopApplication();
            throw;
        }
        finally
        {
            IsReconciling = false;
            await informer.ConfigureAwait(false);
        }
    }

    private void OnInformerEvent(InformerEvent<TEntity> informerEvent)
    {
        var entity = informerEvent.Object;
        var key = NamespacedName.Of(entity);
        switch (informerEvent.Type)
        {
            case InformerEventType.Added:
                _tombstones.TryRemove(key, out _);
                _queue.Add(key);
                break;
            case InformerEventType.Modified when NeedsReconcile(entity, informerEvent.Old):
                _queue.Add(key);
                break;
            case InformerEventType.Deleted:
                _tombstones[key] = entity;
                _queue.Add(key);
                break;
        }
    }

    private bool NeedsReconcile(TEntity entity, TEntity? old)
    {
        if (old is null) return true;
        if (entity.Metadata.DeletionTimestamp is not null) return _finalizers.FirstPending(entity) is not null || old.Metadata.DeletionTimestamp is null;
        return entity.Metadata.Generation is { } generation
            ? generation != old.Metadata.Generation
            : entity.Metadata.ResourceVersion != old.Metadata.ResourceVersion;
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            NamespacedName key;
            try
            {
                key = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Leadership ended while the key was being taken: the next term re-queues everything.
                _queue.Done(key);
                return;
            }

            try
            {
                await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesException ex) when (ex.IsConflict)
            {
                // The object changed under us: the retry works from the newer version.
                var delay = _queue.AddRateLimited(key);
                ControllerLog.ReconcileConflict(_logger, _kind, key, delay.TotalMilliseconds);
            }
            catch (Exception ex)
            {
                var delay = _queue.AddRateLimited(key);
                ControllerLog.ReconcileThrew(_logger, ex, _kind, key, delay.TotalMilliseconds);
                KubeMeter.ReconcileErrors.Add(1, new KeyValuePair<string, object?>("controller", _kind));
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var entity = Cache.Get(key);
        if (entity is null)
        {
            if (_tombstones.TryGetValue(key, out var deleted))
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IEntityController<TEntity>>().DeletedAsync(deleted, cancellationToken).ConfigureAwait(false);
                // Only after success: a throwing DeletedAsync is retried like a failed reconcile. The pair form
                // keeps a tombstone that a newer deletion of the same name put there meanwhile.
                _tombstones.TryRemove(KeyValuePair.Create(key, deleted));
            }

            _queue.Forget(key);
            return;
        }

        if (entity.Metadata.DeletionTimestamp is not null)
        {
            if (_finalizers.FirstPending(entity) is { } finalizer)
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredKeyedService<IEntityFinalizer<TEntity>>(finalizer).FinalizeAsync(entity, cancellationToken).ConfigureAwait(false);
                await EntityFinalizers.DetachAsync(_client, entity, finalizer, cancellationToken).ConfigureAwait(false);
                ControllerLog.Finalized(_logger, _kind, key, finalizer);
            }

            _queue.Forget(key);
            return;
        }

        ReconcileResult result;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<IEntityController<TEntity>>().ReconcileAsync(entity, cancellationToken).ConfigureAwait(false);
        }

        KubeMeter.RecordReconcile(_kind, result, Stopwatch.GetElapsedTime(started));
        if (result.Failed)
        {
            var delay = result.RequeueAfter is { } retry ? Requeued(key, retry) : _queue.AddRateLimited(key);
            ControllerLog.ReconcileReportedFailure(_logger, _kind, key, result.Error!, delay.TotalMilliseconds);
            return;
        }

        _queue.Forget(key);
        if (result.RequeueAfter is { } after) _queue.AddAfter(key, after);
    }

    private TimeSpan Requeued(NamespacedName key, TimeSpan delay)
    {
        _queue.AddAfter(key, delay);
        return delay;
    }
}
