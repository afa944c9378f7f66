namespace EppOperator.Epp.Datalayer;

/// <summary>What one pass of <see cref="PrometheusTextParser"/> saw.</summary>
/// <param name="Lines">Non-blank lines read, comments included.</param>
/// <param name="Samples">Samples handed to the sink.</param>
/// <param name="MalformedLines">Lines skipped because they break the format; never fatal.</param>
/// <param name="SawEof">The OpenMetrics <c># EOF</c> marker ended the text.</param>
internal readonly record struct PrometheusParseStats(int Lines, int Samples, int MalformedLines, bool SawEof);
