namespace EppOperator.Epp.Datalayer;

/// <summary>
/// One sample line as the parser found it: spans into the scraped bytes, so nothing is copied or decoded until a
/// caller asks for a particular label. Label values stay escaped in <see cref="RawLabels"/>.
/// </summary>
internal readonly ref struct PrometheusSample
{
    public PrometheusSample(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawLabels, double value, double? timestamp)
    {
        Name = name;
        RawLabels = rawLabels;
        Value = value;
        Timestamp = timestamp;
    }

    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The text between the braces, already validated; empty when the sample has no labels.</summary>
    public ReadOnlySpan<byte> RawLabels { get; }

    public double Value { get; }

    /// <summary>As written: milliseconds in the Prometheus text format, seconds in OpenMetrics.</summary>
    public double? Timestamp { get; }

    public PrometheusLabelEnumerator Labels => new(RawLabels);

    /// <summary>Finds a label by name; <paramref name="rawValue"/> is still escaped (see <see cref="PrometheusLabelValue"/>).</summary>
    public bool TryGetLabel(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> rawValue)
    {
        foreach (var label in Labels)
        {
            if (label.Name.SequenceEqual(name))
            {
                rawValue = label.RawValue;
                return true;
            }
        }

        rawValue = default;
        return false;
    }
}
