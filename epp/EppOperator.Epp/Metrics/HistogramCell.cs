namespace EppOperator.Epp.Metrics;

/// <summary>One histogram series: a count per bucket (not cumulative) and the sum, updated lock-free.</summary>
internal sealed class HistogramCell(int buckets)
{
    private readonly long[] _counts = new long[buckets];
    private readonly ValueCell _sum = new();

    public double Sum => _sum.Value;

    public void Record(int bucket, double value)
    {
        Interlocked.Increment(ref _counts[bucket]);
        _sum.Add(value);
    }

    public long Count(int bucket) => Volatile.Read(ref _counts[bucket]);
}
