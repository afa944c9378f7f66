using System.Collections.Immutable;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling.RequestControl;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Holds requests in the EPP while the pool is saturated and releases them as capacity appears: strict priority
/// between bands, a fairness policy between the flows of a band, an ordering policy within a flow; capacity limits at
/// arrival (429), a TTL while waiting (503), and immediate removal when the client goes away.
/// </summary>
/// <remarks>
/// <para>Dispatch is event-driven, not the reference's 1 ms poll releasing one request per tick: an arrival, a
/// placement (<see cref="Placed"/>), a completion (<see cref="Wake"/>), an expiry or the metrics re-check
/// (<see cref="FlowControlOptions.RecheckInterval"/>) runs a dispatch cycle that releases as many requests as fit.
/// Each released request reserves capacity (<see cref="ISaturationDetector.Reservation"/>) until the scheduler has
/// placed it and the endpoint's in-flight counter carries it, so a burst is not released all at once onto a pool the
/// last scrape showed idle.</para>
/// <para>One lock guards the queues; callbacks and awaiter continuations never run under it. Whichever thread finds
/// work runs the cycle and the completions; a thread that arrives while another is doing so leaves its work to it,
/// which also keeps callbacks that call back in (a simulator placing a request from its dispatch callback) from
/// recursing.</para>
/// </remarks>
internal sealed class FlowController : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ISaturationDetector _detector;
    private readonly Func<ImmutableArray<Endpoint>> _endpoints;
    private readonly TimeProvider _time;
    private readonly FlowControlMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly List<PriorityBand> _bands = [];
    private readonly Dictionary<int, PriorityBand> _bandsByPriority = [];
    private readonly IndexedHeap<FlowItem> _expiries = new(
        static (a, b) => a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : a.Sequence.CompareTo(b.Sequence),
        static i => i.ExpiryIndex,
        static (i, x) => i.ExpiryIndex = x);

    private List<FlowItem> _completions = [];
    private List<FlowItem>? _spareCompletions = [];
    private ITimer? _timer;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
    private long _sequence;
    private int _queued;
    private long _queuedBytes;
    private int _reservedRequests;
    private long _reservedTokens;
    private bool _pumping;
    private bool _wake;
    private bool _disposed;

    public FlowController(
        FlowControlOptions options,
        ISaturationDetector detector,
        Func<ImmutableArray<Endpoint>> endpoints,
        TimeProvider time,
        FlowControlMetrics? metrics = null,
        ILogger? logger = null)
    {
        Options = options;
        _detector = detector;
        _endpoints = endpoints;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
    }

    public FlowControlOptions Options { get; }

    public ISaturationDetector Detector => _detector;

    public int QueuedCount => Volatile.Read(ref _queued);

    public long QueuedBytes
    {
        get
        {
            lock (_lock) return _queuedBytes;
        }
    }

    /// <summary>Dispatched requests not yet placed by the scheduler.</summary>
    public int ReservedCount => Volatile.Read(ref _reservedRequests);

    /// <summary>Flows holding queued requests, over all bands.</summary>
    public int ActiveFlowCount
    {
        get
        {
            lock (_lock) return _bands.Sum(b => b.FlowCount);
        }
    }

    /// <summary>Pool saturation now, including the reservations of dispatched requests not yet placed.</summary>
    public double CurrentSaturation()
    {
        var endpoints = _endpoints();
        int requests;
        long tokens;
        lock (_lock)
        {
            requests = _reservedRequests;
            tokens = _reservedTokens;
        }

        return _detector.Saturation(endpoints.AsSpan()) + _detector.Reservation(endpoints.Length, requests, tokens);
    }

    /// <summary>
    /// Queues <paramref name="request"/> and runs a dispatch cycle. <paramref name="onFinalized"/> runs exactly once
    /// with the outcome, possibly before this returns (dispatched at once, or rejected), never under the lock. The
    /// queue TTL is <see cref="FlowControlOptions.DefaultRequestTtl"/> or <paramref name="clientDeadline"/>, whichever
    /// ends first. A dispatched item must be passed to <see cref="Placed"/> once the scheduler has dealt with it.
    /// </summary>
    public FlowItem Enqueue(InferenceRequest request, DateTimeOffset? clientDeadline = null, Action<FlowItem>? onFinalized = null)
    {
        var item = new FlowItem(this, request, InFlightLoadTracker.EstimateTokens(request), onFinalized);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            item.Sequence = ++_sequence;
            item.EnqueuedAt = now;
            item.ExpiresAt = ExpiryOf(now, clientDeadline);
            if (_disposed)
            {
                FinalizeLocked(item, FlowOutcome.RejectedOther, now);
            }
            else
            {
                var band = BandLocked(request.Priority);
                if (!HasRoomLocked(band, item.ByteSize)) FinalizeLocked(item, FlowOutcome.RejectedCapacity, now);
                else if (item.ExpiresAt <= now) FinalizeLocked(item, FlowOutcome.EvictedTtl, now);
                else AddLocked(band, item);
            }

            _wake = true;
        }

        Pump();
        return item;
    }

    /// <summary>
    /// <see cref="Enqueue"/> for the request path: completes when the item has its outcome. Cancelling
    /// <paramref name="cancellationToken"/> (the client went away) removes a waiting request at once and completes
    /// with <see cref="FlowOutcome.EvictedContextCancelled"/> rather than throwing.
    /// </summary>
    public ValueTask<FlowItem> EnqueueAndWaitAsync(InferenceRequest request, DateTimeOffset? clientDeadline, CancellationToken cancellationToken)
    {
        var item = Enqueue(request, clientDeadline);
        return item.IsFinalized ? new ValueTask<FlowItem>(item) : WaitAsync(item, cancellationToken);
    }

    /// <summary>Removes a waiting request because its client is gone; false when it already had an outcome.</summary>
    public bool Cancel(FlowItem item)
    {
        lock (_lock)
        {
            if (item.IsFinalized || item.Flow is null) return false;
            RemoveLocked(item);
            FinalizeLocked(item, FlowOutcome.EvictedContextCancelled, _time.GetUtcNow());
            _wake = true;
        }

        Pump();
        return true;
    }

    /// <summary>
    /// The scheduler has placed a dispatched request (its endpoint's in-flight counter now carries it) or failed to:
    /// its reservation ends. Idempotent; ignored for items that were not dispatched.
    /// </summary>
    public void Placed(FlowItem item)
    {
        lock (_lock)
        {
            if (!item.Reserved) return;
            item.Reserved = false;
            _reservedRequests--;
            _reservedTokens -= item.Tokens;
            _wake = true;
        }

        Pump();
    }

    /// <summary>Capacity may have appeared (a response completed, metrics changed): dispatch what now fits.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _queued) == 0) return;
        lock (_lock) _wake = true;
        Pump();
    }

    /// <summary>Stops accepting requests and evicts every queued one (<see cref="FlowOutcome.EvictedOther"/>).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            var now = _time.GetUtcNow();
            var evicted = 0;
            foreach (var band in _bands)
            {
                foreach (var item in band.Drain())
                {
                    _expiries.Remove(item);
                    Dequeued(item);
                    FinalizeLocked(item, FlowOutcome.EvictedOther, now);
                    evicted++;
                }
            }

            if (evicted > 0) FlowControlLog.EvictedOnShutdown(_logger, evicted);
            _timer?.Dispose();
            _timer = null;
            _timerDue = DateTimeOffset.MaxValue;
        }

        Pump();
    }

    private static async ValueTask<FlowItem> WaitAsync(FlowItem item, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(static state => { var i = (FlowItem)state!; i.Owner.Cancel(i); }, item);
        return await new ValueTask<FlowItem>(item, item.Version).ConfigureAwait(false);
    }

    private DateTimeOffset ExpiryOf(DateTimeOffset now, DateTimeOffset? clientDeadline)
    {
        var ttl = Options.DefaultRequestTtl;
        var expires = ttl > TimeSpan.Zero && ttl < DateTimeOffset.MaxValue - now ? now + ttl : DateTimeOffset.MaxValue;
        return clientDeadline is { } deadline && deadline < expires ? deadline : expires;
    }

    private PriorityBand BandLocked(int priority)
    {
        if (_bandsByPriority.TryGetValue(priority, out var band)) return band;

        // Bands are kept once created: their number is bounded by the objectives' priorities, which operators define.
        band = new PriorityBand(Options.BandFor(priority));
        _bandsByPriority[priority] = band;
        var index = _bands.FindIndex(b => b.Priority < priority);
        _bands.Insert(index < 0 ? _bands.Count : index, band);
        return band;
    }

    private bool HasRoomLocked(PriorityBand band, long bytes) =>
        (Options.MaxRequests <= 0 || _queued < Options.MaxRequests)
        && (Options.MaxBytes <= 0 || _queuedBytes + bytes <= Options.MaxBytes)
        && band.HasRoomFor(bytes);

    private void AddLocked(PriorityBand band, FlowItem item)
    {
        band.Add(item);
        if (item.ExpiresAt != DateTimeOffset.MaxValue) _expiries.Add(item);
        _queued++;
        _queuedBytes += item.ByteSize;
        _metrics?.Enqueued(item);
    }

    private void RemoveLocked(FlowItem item)
    {
        item.Flow!.Band.Remove(item);
        _expiries.Remove(item);
        Dequeued(item);
    }

    private void Dequeued(FlowItem item)
    {
        _queued--;
        _queuedBytes -= item.ByteSize;
        _metrics?.Dequeued(item);
    }

    private void FinalizeLocked(FlowItem item, FlowOutcome outcome, DateTimeOffset now)
    {
        item.Finalize(outcome, now);
        _metrics?.Finalized(item);
        FlowControlLog.Finalized(_logger, item.Request.RequestId, item.Request.FairnessId, item.Request.Priority, item.QueueTime, outcome);
        _completions.Add(item);
    }

    /// <summary>Runs dispatch cycles and completions until no wake-up or completion is left.</summary>
    private void Pump()
    {
        lock (_lock)
        {
            if (_pumping) return;
            _pumping = true;
        }

        var exited = false;
        List<FlowItem>? done = null;
        try
        {
            while (true)
            {
                List<FlowItem> batch;
                lock (_lock)
                {
                    if (done is not null) _spareCompletions = done;
                    if (_wake)
                    {
                        _wake = false;
                        RunCycleLocked();
                    }

                    if (_completions.Count == 0)
                    {
                        ArmTimerLocked();
                        _pumping = false;
                        exited = true;
                        return;
                    }

                    batch = _completions;
                    _completions = _spareCompletions ?? [];
                    _spareCompletions = null;
                }

                foreach (var item in batch)
                {
                    try
                    {
                        item.Complete();
                    }
                    catch (Exception ex)
                    {
                        FlowControlLog.CompletionFailed(_logger, item.Request.RequestId, ex);
                    }
                }

                batch.Clear();
                done = batch;
            }
        }
        finally
        {
            if (!exited)
            {
                lock (_lock) _pumping = false;
            }
        }
    }

    /// <summary>Evicts expired requests, then dispatches in strict priority order while the pool has room.</summary>
    private void RunCycleLocked()
    {
        var now = _time.GetUtcNow();
        while (_expiries.Peek() is { } first && first.ExpiresAt <= now)
        {
            RemoveLocked(first);
            FinalizeLocked(first, FlowOutcome.EvictedTtl, now);
        }

        if (_queued == 0) return;
        double saturation;
        int endpointCount;
        try
        {
            var endpoints = _endpoints();
            endpointCount = endpoints.Length;
            saturation = _detector.Saturation(endpoints.AsSpan()) + _detector.Reservation(endpointCount, _reservedRequests, _reservedTokens);
        }
        catch (Exception ex)
        {
            FlowControlLog.DispatchFailed(_logger, _queued, ex);
            return;
        }

        foreach (var band in _bands)
        {
            // The static usage-limit policy: every band may fill the pool up to saturation 1. The first non-empty band
            // that cannot dispatch stops the cycle, so lower priorities never overtake a waiting higher one.
            while (band.Count > 0)
            {
                if (saturation >= 1.0) return;

                var item = band.TakeTurn()!;
                RemoveLocked(item);
                item.Reserved = true;
                _reservedRequests++;
                _reservedTokens += item.Tokens;
                FinalizeLocked(item, FlowOutcome.Dispatched, now);
                saturation += _detector.Reservation(endpointCount, 1, item.Tokens);
            }
        }
    }

    /// <summary>Keeps one timer armed for the earliest expiry, or the re-check while requests wait.</summary>
    private void ArmTimerLocked()
    {
        if (_disposed) return;
        var now = _time.GetUtcNow();
        var due = _expiries.Peek()?.ExpiresAt ?? DateTimeOffset.MaxValue;
        if (_queued > 0 && Options.RecheckInterval > TimeSpan.Zero && now + Options.RecheckInterval < due) due = now + Options.RecheckInterval;
        if (due == DateTimeOffset.MaxValue)
        {
            if (_timerDue != DateTimeOffset.MaxValue)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timerDue = DateTimeOffset.MaxValue;
            }

            return;
        }

        // Armed for no later than needed: let it fire; the cycle it runs re-arms.
        if (_timerDue <= due) return;
        _timer ??= _time.CreateTimer(static state => ((FlowController)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timerDue = due;
        _timer.Change(due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timerDue = DateTimeOffset.MaxValue;
            _wake = true;
        }

        Pump();
    }
}
