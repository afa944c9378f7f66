namespace EppOperator.Epp.Metrics;

/// <summary>One series' value, updated lock-free: summed for counters, replaced for gauges.</summary>
internal sealed class ValueCell
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}
