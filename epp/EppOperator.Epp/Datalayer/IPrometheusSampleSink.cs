namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Receives the samples <see cref="PrometheusTextParser"/> finds. The parser asks <see cref="Select"/> first, with
/// only the metric name in hand, so lines of unwanted families are skipped without parsing their labels or value.
/// </summary>
internal interface IPrometheusSampleSink
{
    /// <summary>A non-negative slot for a wanted metric name (handed back to <see cref="Accept"/>), or -1 to skip the line.</summary>
    int Select(ReadOnlySpan<byte> metricName);

    /// <summary>One well-formed sample of a selected metric; its spans are valid only during the call.</summary>
    void Accept(int slot, in PrometheusSample sample);
}
