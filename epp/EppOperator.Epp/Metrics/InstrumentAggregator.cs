using System.Diagnostics.Metrics;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// Accumulates one Prometheus family from the measurements of one or more same-named instruments and writes it.
/// </summary>
internal abstract class InstrumentAggregator(string name, string help, string type, bool observable)
{
    public string Name { get; } = name;

    public string Help { get; } = help;

    /// <summary>Prometheus family type: counter, gauge or histogram.</summary>
    public string Type { get; } = type;

    /// <summary>Observable instruments report only when collected; their old series are dropped before each collection.</summary>
    public bool IsObservable { get; } = observable;

    public abstract bool HasSeries { get; }

    /// <summary>Set once a label set was folded into the overflow series (see <see cref="SeriesTable{TSeries}"/>).</summary>
    public abstract bool Overflowed { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void BeginCollect();

    public abstract void Write(PrometheusTextWriter writer);

    /// <summary>Whether a measurement from <paramref name="instrument"/> can feed this family.</summary>
    public bool Accepts(Instrument instrument, string type) => Type == type && IsObservable == instrument.IsObservable;
}
