namespace EppOperator.Epp.Metrics;

/// <summary>
/// Counters and up-down counters (summed) and gauges, including observable instruments (last value wins).
/// </summary>
internal sealed class ValueAggregator(string name, string help, string type, bool observable, bool sum, int maxSeries)
    : InstrumentAggregator(name, help, type, observable)
{
    private readonly SeriesTable<ValueCell> _series = new(maxSeries, static () => new ValueCell());

    public override bool HasSeries => _series.Count > 0;

    public override bool Overflowed => _series.Overflowed;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = _series.Get(tags);
        if (sum) cell.Add(value);
        else cell.Set(value);
    }

    public override void BeginCollect()
    {
        if (IsObservable) _series.Clear();
    }

    public override void Write(PrometheusTextWriter writer)
    {
        foreach (var (tags, cell) in _series.Sorted()) writer.WriteSample(Name, tags.Labels, cell.Value);
    }
}
