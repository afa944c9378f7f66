using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The EPP's <c>/metrics</c>: a <see cref="MeterListener"/> on the <see cref="EppMeter"/> aggregates every
/// instrument's measurements (counters summed, gauges last value, histograms into Prometheus buckets with
/// <c>_sum</c>/<c>_count</c>) and writes them in the text exposition format. Instrument names are the Prometheus
/// family names (<c>inference_objective_request_total</c>); the description is the HELP text.
/// </summary>
/// <remarks>
/// Output is deterministic: families sorted by name, series by label text, labels by name (<c>le</c> last), so it
/// can be compared with golden files. Each instrument keeps at most <c>maxSeriesPerInstrument</c> label sets;
/// bound user-controlled label values before recording with a <see cref="LabelCardinalityLimiter"/>.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    public const int DefaultMaxSeriesPerInstrument = 2000;

    private readonly Meter _meter;
    private readonly int _maxSeries;
    private readonly ILogger _logger;
    private readonly MeterListener _listener;
    private readonly Lock _collectLock = new();
    private readonly Dictionary<string, InstrumentAggregator> _families = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedOverflow = new(StringComparer.Ordinal);

    public PrometheusExporter(EppMeter meter, int maxSeriesPerInstrument = DefaultMaxSeriesPerInstrument, ILogger<PrometheusExporter>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeriesPerInstrument, 1);
        _meter = meter.Meter;
        _maxSeries = maxSeriesPerInstrument;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Collects observable instruments and writes every family with at least one series.</summary>
    public void WriteTo(TextWriter output)
    {
        lock (_collectLock)
        {
            List<InstrumentAggregator> families;
            lock (_families) families = [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];

            foreach (var family in families) family.BeginCollect();
            _listener.RecordObservableInstruments();

            var writer = new PrometheusTextWriter(output);
            foreach (var family in families)
            {
                if (!family.HasSeries) continue;
                writer.WriteFamilyHeader(family.Name, family.Help, family.Type);
                family.Write(writer);
                ReportOverflow(family);
            }
        }
    }

    public string Collect()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter, _meter)) return;

        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var name = SanitizeName(instrument.Name);
        var help = instrument.Description ?? "";
        var (type, sum) = kind switch
        {
            _ when kind == typeof(Counter<>) => ("counter", true),
            _ when kind == typeof(UpDownCounter<>) => ("gauge", true),
            _ when kind == typeof(ObservableCounter<>) => ("counter", false),
            _ when kind == typeof(Histogram<>) => ("histogram", false),
            _ => ("gauge", false),
        };

        InstrumentAggregator family;
        lock (_families)
        {
            if (_families.TryGetValue(name, out var existing))
            {
                if (!existing.Accepts(instrument, type))
                {
                    MetricsLog.NameConflict(_logger, name, kind.Name);
                    return;
                }

                family = existing;
            }
            else
            {
                family = type == "histogram"
                    ? new HistogramAggregator(name, help, HistogramBounds(instrument), _maxSeries)
                    : new ValueAggregator(name, help, type, instrument.IsObservable, sum, _maxSeries);
                _families.Add(name, family);
            }
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    private void ReportOverflow(InstrumentAggregator family)
    {
        if (family.Overflowed && _reportedOverflow.Add(family.Name)) MetricsLog.SeriesLimitReached(_logger, family.Name, _maxSeries);
    }

    private static IEnumerable<double>? HistogramBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        _ => null,
    };

    /// <summary>Prometheus names allow <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>; anything else (such as OpenTelemetry's dots) becomes '_'.</summary>
    private static string SanitizeName(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c)) ? c : '_';
        }
    });
}
