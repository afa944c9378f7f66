using EppOperator.Kube.Informers;

namespace EppOperator.Kube.Queues;

/// <summary>
/// A deduplicating work queue in the shape of client-go's: a key is queued at most once, is never
/// processed by two workers at once (a key added while in process is re-queued by <see cref="Done"/>),
/// failures back off per key (<c>base × 2^failures</c> up to a cap), and delayed adds keep only the
/// newest timer per key. Any immediate <see cref="Add"/> cancels a pending delayed add for that key.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, DelayedAdd> _delayed = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <param name="timeProvider">Clock for delayed adds.</param>
    /// <param name="baseDelay">First retry delay (client-go: 5 ms).</param>
    /// <param name="maxDelay">Retry delay cap (client-go: 1000 s).</param>
    public WorkQueue(TimeProvider? timeProvider = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
    }

    /// <summary>Keys waiting to be taken (not counting delayed ones or those in process).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _delayed.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_lock)
        {
            CancelDelayed(key);
            AddLocked(key);
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/>, replacing any earlier delayed add of it.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            CancelDelayed(key);
            // The entry exists before the timer, so a timer firing at once still finds itself current.
            var entry = new DelayedAdd();
            _delayed[key] = entry;
            entry.Timer = _timeProvider.CreateTimer(_ => FireDelayed(key, entry), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds the key after its per-key backoff and counts one more failure.</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            delay = ExponentialBackoff.Capped(_baseDelay, _maxDelay, failures);
        }

        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Resets the key's failure count after it succeeded.</summary>
    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key and marks it in process; call <see cref="Done"/> when finished.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                // Clear() may have emptied the queue after the semaphore was released.
                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
                _available.Release();
            }
        }
    }

    /// <summary>Drops queued and delayed keys and failure counts (for example when leadership is lost).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _queue.Clear();
            _dirty.Clear();
            _failures.Clear();
            foreach (var entry in _delayed.Values) entry.Timer?.Dispose();
            _delayed.Clear();
        }
    }

    public void Dispose()
    {
        Clear();
        _available.Dispose();
    }

    private void AddLocked(TKey key)
    {
        if (!_dirty.Add(key)) return;
        if (_processing.Contains(key)) return;
        _queue.Enqueue(key);
        _available.Release();
    }

    private void FireDelayed(TKey key, DelayedAdd entry)
    {
        lock (_lock)
        {
            if (!_delayed.TryGetValue(key, out var current) || !ReferenceEquals(current, entry)) return;
            _delayed.Remove(key);
            entry.Timer?.Dispose();
            AddLocked(key);
        }
    }

    private void CancelDelayed(TKey key)
    {
        if (_delayed.Remove(key, out var entry)) entry.Timer?.Dispose();
    }

    private sealed class DelayedAdd
    {
        public ITimer? Timer { get; set; }
    }
}
