using System.Diagnostics;
using EppOperator.Kube.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Kube.Informers;

/// <summary>
/// List-then-watch of one resource into an <see cref="InformerCache{T}"/>, dispatching every change to
/// handlers. Resumes each watch from the last resourceVersion seen (events and bookmarks); on 410 Gone it
/// relists and diffs against the cache, so handlers see exactly the objects that were added, changed or
/// vanished meanwhile (a synthetic Deleted for each vanished one) and nothing twice; unparseable lines are
/// skipped by the client; a silent stream is cut by a watchdog; failures reconnect with jittered
/// exponential backoff.
/// </summary>
internal sealed class Informer<T>
    where T : class, IKubernetesEntity<T>
{
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly KubernetesClient _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly ExponentialBackoff _backoff;
    private readonly List<Action<InformerEvent<T>>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _listCount;
    private long _watchCount;

    public Informer(KubernetesClient client, InformerOptions? options = null, ILogger? logger = null, Random? random = null)
    {
        _client = client;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared;
        _backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.MaxJitter, _random);
    }

    public InformerCache<T> Cache { get; } = new();

    public InformerOptions Options => _options;

    /// <summary>True once the first list has been applied to the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resume point: the resourceVersion of the last list, event or bookmark.</summary>
    public string? LastResourceVersion { get; private set; }

    /// <summary>How many LIST rounds (initial plus relists) ran; for diagnostics and tests.</summary>
    public long ListCount => Interlocked.Read(ref _listCount);

    /// <summary>How many watch streams were opened.</summary>
    public long WatchCount => Interlocked.Read(ref _watchCount);

    /// <summary>Registers a handler; call before <see cref="RunAsync"/>. Handlers run on the informer's loop, so keep them short.</summary>
    public void AddHandler(Action<InformerEvent<T>> handler) => _handlers.Add(handler);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Runs until cancelled; never throws for API or network failures (it retries).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resource = T.EntityType;
        var failures = 0;
        var needList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    needList = false;
                }

                var sawEvent = false;
                var started = Stopwatch.GetTimestamp();
                await WatchAsync(() => (failures, sawEvent) = (0, true), cancellationToken).ConfigureAwait(false);
                InformerLog.WatchEnded(_logger, resource, LastResourceVersion);
                // client-go's "very short watch": a stream closed within a second without a single event (not even a
                // bookmark) counts as a failure, or a misbehaving server or proxy would be re-watched in a tight loop.
                if (!sawEvent && Stopwatch.GetElapsedTime(started) < ShortWatch)
                {
                    await DelayAsync(failures++, KubeReasons.EmptyWatch, "the watch ended at once without any event", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesException ex) when (ex.IsGone)
            {
                InformerLog.WatchExpired(_logger, resource, LastResourceVersion);
                needList = true;
                // An immediate relist is right once; repeated expiry means something is wrong: back off.
                if (failures++ > 0) await DelayAsync(failures - 1, ex.Reason, ex.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is KubernetesException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                await DelayAsync(failures++, ex is KubernetesException k ? k.Reason : ex.GetType().Name, ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCount);
        var list = await _client.ListAllAsync<T>(_options.Namespace, new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            Limit = _options.PageSize,
        }, cancellationToken).ConfigureAwait(false);
        InformerLog.Listed(_logger, T.EntityType, list.Items.Count, list.ResourceVersion);
        Replace(list.Items);
        LastResourceVersion = list.ResourceVersion;
        _synced.TrySetResult();
    }

    private async Task WatchAsync(Action onHealthy, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watchCount);
        var timeout = _options.MinWatchTimeout * (1 + _random.NextDouble());
        var options = new WatchOptions
        {
            ResourceVersion = LastResourceVersion,
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            AllowWatchBookmarks = true,
            Timeout = timeout,
            IdleTimeout = _options.IdleTimeout,
        };
        await foreach (var watchEvent in _client.WatchAsync<T>(_options.Namespace, options, cancellationToken).ConfigureAwait(false))
        {
            onHealthy();
            if (watchEvent.Object is { } obj) Apply(watchEvent.Type, obj);
            if (watchEvent.ResourceVersion is { Length: > 0 } rv) LastResourceVersion = rv;
        }
    }

    private void Apply(WatchEventType type, T obj)
    {
        var key = NamespacedName.Of(obj);
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                var old = Cache.Set(key, obj);
                if (old is null)
                {
                    Dispatch(new InformerEvent<T>(InformerEventType.Added, obj, null));
                }
                else if (old.Metadata.Uid != obj.Metadata.Uid)
                {
                    // Deleted and recreated between events we saw: report both halves.
                    Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old, null));
                    Dispatch(new InformerEvent<T>(InformerEventType.Added, obj, null));
                }
                else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                {
                    Dispatch(new InformerEvent<T>(InformerEventType.Modified, obj, old));
                }

                break;
            case WatchEventType.Deleted:
                Cache.Remove(key);
                Dispatch(new InformerEvent<T>(InformerEventType.Deleted, obj, null));
                break;
        }
    }

    /// <summary>Makes the cache equal to a fresh list and reports the difference.</summary>
    private void Replace(IReadOnlyList<T> items)
    {
        // The snapshot is a copy: what is left of it after the listed keys are taken out has vanished.
        var vanished = Cache.Snapshot();
        foreach (var item in items)
        {
            vanished.Remove(NamespacedName.Of(item));
            Apply(WatchEventType.Modified, item);
        }

        foreach (var (key, old) in vanished)
        {
            Cache.Remove(key);
            Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old, null));
        }
    }

    private void Dispatch(InformerEvent<T> informerEvent)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(informerEvent);
            }
            catch (Exception ex)
            {
                InformerLog.HandlerFailed(_logger, ex, T.EntityType, informerEvent.Type, NamespacedName.Of(informerEvent.Object));
            }
        }
    }

    private async Task DelayAsync(int attempt, string reason, string detail, CancellationToken cancellationToken)
    {
        var delay = _backoff.Delay(attempt);
        InformerLog.WatchFailed(_logger, T.EntityType, reason, delay.TotalMilliseconds, detail);
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
