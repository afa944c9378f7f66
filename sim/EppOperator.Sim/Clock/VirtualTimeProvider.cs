namespace EppOperator.Sim.Clock;

/// <summary>
/// A <see cref="TimeProvider"/> whose time only moves when the owner runs it: timers are kept in a priority
/// queue and fired in due order (ties in creation order), synchronously on the caller's thread. The simulated
/// engines use it in the virtual benchmark, so a whole fleet runs in one thread, as fast as the CPU allows and
/// with the same result for the same inputs.
/// </summary>
internal sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>Virtual time starts here, so absolute times in reports never depend on the wall clock.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<(VirtualTimer Timer, long Generation), (long Due, long Order)> _queue = new();
    private long _nowTicks;
    private long _order;

    /// <summary>Virtual ticks (100 ns) since <see cref="Epoch"/>.</summary>
    public long NowTicks => _nowTicks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(_nowTicks);

    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(_nowTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _nowTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires every timer due at or before <paramref name="until"/> (virtual ticks), then moves time there.</summary>
    public void RunUntil(long until)
    {
        while (TryPeekDue(out var due) && due <= until)
        {
            RunNext();
        }

        if (until > _nowTicks) _nowTicks = until;
    }

    /// <summary>Fires the earliest due timer; false when nothing is scheduled.</summary>
    public bool RunNext()
    {
        while (_queue.TryDequeue(out var entry, out var key))
        {
            var timer = entry.Timer;
            if (entry.Generation != timer.Generation) continue;

            // Time never runs backwards: a timer armed with a due time in the past fires "now".
            if (key.Due > _nowTicks) _nowTicks = key.Due;
            timer.Fire(key.Due);
            return true;
        }

        return false;
    }

    /// <summary>Due time of the earliest live timer.</summary>
    public bool TryPeekDue(out long due)
    {
        while (_queue.TryPeek(out var entry, out var key))
        {
            if (entry.Generation == entry.Timer.Generation)
            {
                due = key.Due;
                return true;
            }

            _queue.Dequeue();
        }

        due = 0;
        return false;
    }

    internal void Schedule(VirtualTimer timer, long generation, long due) =>
        _queue.Enqueue((timer, generation), (Math.Max(due, _nowTicks), _order++));
}
