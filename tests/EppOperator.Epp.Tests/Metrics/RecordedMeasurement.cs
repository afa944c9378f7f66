namespace EppOperator.Epp.Tests.Metrics;

/// <summary>One measurement seen on a meter, with its tags as text.</summary>
internal sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    /// <summary>The tags as <c>k=v</c> pairs sorted by key, comma-separated.</summary>
    public string Labels => string.Join(',', Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
