namespace EppOperator.Epp.Metrics;

/// <summary>
/// A Prometheus histogram: cumulative <c>_bucket{le}</c> series, <c>_sum</c> and <c>_count</c>. Bucket bounds come
/// from the instrument's advice, else Prometheus' defaults. <c>_count</c> is the sum of the buckets, so it always
/// equals the <c>+Inf</c> bucket even while measurements arrive during a collection.
/// </summary>
internal sealed class HistogramAggregator : InstrumentAggregator
{
    /// <summary>The Prometheus client default, for latencies in seconds.</summary>
    public static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;
    private readonly string[] _boundText;
    private readonly SeriesTable<HistogramCell> _series;

    public HistogramAggregator(string name, string help, IEnumerable<double>? bounds, int maxSeries)
        : base(name, help, "histogram", observable: false)
    {
        _bounds = [.. (bounds ?? DefaultBounds).Where(double.IsFinite).Distinct().Order()];
        _boundText = [.. _bounds.Select(PrometheusTextWriter.FormatValue)];
        var buckets = _bounds.Length + 1;
        _series = new SeriesTable<HistogramCell>(maxSeries, () => new HistogramCell(buckets));
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public override bool HasSeries => _series.Count > 0;

    public override bool Overflowed => _series.Overflowed;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A NaN observation would poison the sum for the life of the process; Prometheus clients drop it too.
        if (double.IsNaN(value)) return;
        _series.Get(tags).Record(BucketOf(value), value);
    }

    public override void BeginCollect()
    {
    }

    public override void Write(PrometheusTextWriter writer)
    {
        foreach (var (tags, cell) in _series.Sorted())
        {
            var labels = new KeyValuePair<string, string>[tags.Count + 1];
            tags.Labels.CopyTo(labels, 0);
            long cumulative = 0;
            for (var i = 0; i <= _bounds.Length; i++)
            {
                cumulative += cell.Count(i);
                labels[^1] = new("le", i < _bounds.Length ? _boundText[i] : "+Inf");
                writer.WriteSample(Name + "_bucket", labels, cumulative);
            }

            writer.WriteSample(Name + "_sum", tags.Labels, cell.Sum);
            writer.WriteSample(Name + "_count", tags.Labels, cumulative);
        }
    }

    /// <summary>First bucket whose upper bound is at least <paramref name="value"/> (bounds are inclusive), or +Inf.</summary>
    private int BucketOf(double value)
    {
        var index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }
}
