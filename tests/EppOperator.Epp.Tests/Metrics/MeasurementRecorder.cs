using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Tests.Metrics;

/// <summary>Records every measurement made on one <see cref="EppMeter"/> while it lives.</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener;

    public MeasurementRecorder(EppMeter meter)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter.Meter)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<RecordedMeasurement> Measurements { get; } = new();

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        Measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }
}
