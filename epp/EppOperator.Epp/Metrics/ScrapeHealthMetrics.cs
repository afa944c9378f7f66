using System.Diagnostics.Metrics;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// How the model-server scrapes go: failures by reason, scrape latency and malformed lines. Labels are bounded
/// (the reason only): which endpoint failed is in the logs, so pod churn cannot grow the series count.
/// </summary>
internal sealed class ScrapeHealthMetrics
{
    public const string ErrorsName = "inference_extension_endpoint_scrape_errors_total";
    public const string DurationName = "inference_extension_endpoint_scrape_duration_seconds";
    public const string MalformedLinesName = "inference_extension_endpoint_scrape_malformed_lines_total";

    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _malformedLines;

    public ScrapeHealthMetrics(EppMeter meter)
    {
        _errors = meter.Meter.CreateCounter<long>(ErrorsName, description: "Model-server metric scrapes that failed, by reason.");
        _duration = meter.Meter.CreateHistogram(DurationName, unit: "s", description: "Duration of model-server metric scrapes in seconds, successful or not.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _malformedLines = meter.Meter.CreateCounter<long>(MalformedLinesName, description: "Lines of model-server metric pages that were skipped as malformed.");
    }

    public void Record(ScrapeFailure failure, TimeSpan elapsed, int malformedLines)
    {
        _duration.Record(elapsed.TotalSeconds);
        if (failure != ScrapeFailure.None) _errors.Add(1, new KeyValuePair<string, object?>("reason", ReasonLabel(failure)));
        if (malformedLines > 0) _malformedLines.Add(malformedLines);
    }

    public static string ReasonLabel(ScrapeFailure failure) => failure switch
    {
        ScrapeFailure.Timeout => "timeout",
        ScrapeFailure.Connection => "connection",
        ScrapeFailure.HttpStatus => "http_status",
        ScrapeFailure.TooLarge => "too_large",
        ScrapeFailure.MissingMetrics => "missing_metrics",
        _ => "internal",
    };
}
