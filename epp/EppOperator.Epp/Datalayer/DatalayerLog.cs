using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Data-layer log events (ids 4000–4099). Scrape problems are logged when an endpoint's state changes, never per
/// scrape: at 50 ms per endpoint that would be thousands of lines a second.
/// </summary>
internal static partial class DatalayerLog
{
    [LoggerMessage(EventId = 4001, EventName = "ScraperStarted", Level = LogLevel.Information,
        Message = "Scraping model-server metrics every {Interval} (timeout {Timeout}, stale after {StalenessThreshold})")]
    public static partial void ScraperStarted(ILogger logger, TimeSpan interval, TimeSpan timeout, TimeSpan stalenessThreshold);

    [LoggerMessage(EventId = 4002, EventName = "EndpointScrapeAdded", Level = LogLevel.Debug,
        Message = "Scraping endpoint {Endpoint} at {Uri} as engine {Engine}")]
    public static partial void EndpointAdded(ILogger logger, string endpoint, Uri uri, string engine);

    [LoggerMessage(EventId = 4003, EventName = "EndpointScrapeRemoved", Level = LogLevel.Debug,
        Message = "Stopped scraping endpoint {Endpoint}")]
    public static partial void EndpointRemoved(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4004, EventName = "UnknownEngineType", Level = LogLevel.Warning,
        Message = "Endpoint {Endpoint} names engine type '{EngineType}', which has no metric mapping; using '{DefaultEngine}'")]
    public static partial void UnknownEngineType(ILogger logger, string endpoint, string engineType, string defaultEngine);

    [LoggerMessage(EventId = 4005, EventName = "ScrapeLoopFailed", Level = LogLevel.Error,
        Message = "The metrics scrape loop failed; it keeps ticking")]
    public static partial void ScrapeLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, EventName = "ScrapeFailed", Level = LogLevel.Warning,
        Message = "Scraping metrics of endpoint {Endpoint} failed: {Failure} {Detail}")]
    public static partial void ScrapeFailed(ILogger logger, string endpoint, ScrapeFailure failure, string detail);

    [LoggerMessage(EventId = 4011, EventName = "ScrapeFailedUnexpectedly", Level = LogLevel.Error,
        Message = "Scraping metrics of endpoint {Endpoint} failed unexpectedly")]
    public static partial void ScrapeFailedUnexpectedly(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventId = 4012, EventName = "ScrapeRecovered", Level = LogLevel.Information,
        Message = "Scraping metrics of endpoint {Endpoint} succeeded again after {Failures} failed attempts")]
    public static partial void ScrapeRecovered(ILogger logger, string endpoint, int failures);

    [LoggerMessage(EventId = 4013, EventName = "EndpointMetricsStale", Level = LogLevel.Warning,
        Message = "Metrics of endpoint {Endpoint} are stale (last refresh {LastUpdate:O}, last failure {Failure}); the scheduler no longer trusts them")]
    public static partial void EndpointStale(ILogger logger, string endpoint, DateTimeOffset lastUpdate, ScrapeFailure failure);

    [LoggerMessage(EventId = 4014, EventName = "EndpointMetricsFresh", Level = LogLevel.Information,
        Message = "Metrics of endpoint {Endpoint} are fresh again")]
    public static partial void EndpointFresh(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4015, EventName = "MalformedMetricLines", Level = LogLevel.Warning,
        Message = "Endpoint {Endpoint} served {Count} malformed metric lines; they are skipped")]
    public static partial void MalformedLines(ILogger logger, string endpoint, int count);
}
