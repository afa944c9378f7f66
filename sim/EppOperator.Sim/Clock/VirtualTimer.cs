namespace EppOperator.Sim.Clock;

/// <summary>One timer of a <see cref="VirtualTimeProvider"/>. Re-arming bumps the generation, which invalidates
/// the queue entry of the previous arming without searching the queue.</summary>
internal sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private long _periodTicks;
    private bool _disposed;

    public long Generation { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed) return false;
        Generation++;
        _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            owner.Schedule(this, Generation, owner.NowTicks + Math.Max(dueTime.Ticks, 0));
        }

        return true;
    }

    internal void Fire(long due)
    {
        if (_periodTicks > 0)
        {
            // Re-arm before the callback so a callback that calls Change wins over the period.
            owner.Schedule(this, Generation, due + _periodTicks);
        }

        callback(state);
    }

    public void Dispose()
    {
        _disposed = true;
        Generation++;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
