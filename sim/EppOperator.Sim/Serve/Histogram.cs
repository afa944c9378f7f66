namespace EppOperator.Sim.Serve;

/// <summary>A Prometheus histogram with fixed upper bounds (seconds). Observations come from engine callbacks while
/// scrapes read it, so one small lock guards the counts.</summary>
internal sealed class Histogram(IReadOnlyList<double> bounds)
{
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[bounds.Count + 1];
    private double _sum;
    private long _count;

    public IReadOnlyList<double> Bounds { get; } = bounds;

    public void Observe(double seconds)
    {
        var i = 0;
        while (i < Bounds.Count && seconds > Bounds[i]) i++;
        lock (_lock)
        {
            _counts[i]++;
            _sum += seconds;
            _count++;
        }
    }

    /// <summary>Cumulative counts per bound (the last is +Inf), the sum and the count, read consistently.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        lock (_lock)
        {
            var cumulative = new long[_counts.Length];
            long running = 0;
            for (var i = 0; i < _counts.Length; i++) cumulative[i] = running += _counts[i];
            return (cumulative, _sum, _count);
        }
    }
}
