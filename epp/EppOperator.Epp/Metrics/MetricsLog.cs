using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Metrics;

/// <summary>Metrics log events (ids 4100–4149).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 4101, EventName = "MetricSeriesLimitReached", Level = LogLevel.Warning,
        Message = "Metric {Metric} reached {Limit} label sets; further ones are reported with the value \"other\"")]
    public static partial void SeriesLimitReached(ILogger logger, string metric, int limit);

    [LoggerMessage(EventId = 4102, EventName = "MetricNameConflict", Level = LogLevel.Warning,
        Message = "Instrument {Metric} of kind {Kind} conflicts with an earlier instrument of the same name; it is not exported")]
    public static partial void NameConflict(ILogger logger, string metric, string kind);

    [LoggerMessage(EventId = 4103, EventName = "LabelValueLimitReached", Level = LogLevel.Warning,
        Message = "Label {Label} reached {Limit} distinct values; further values are reported as \"other\"")]
    public static partial void LabelValueLimitReached(ILogger logger, string label, int limit);
}
