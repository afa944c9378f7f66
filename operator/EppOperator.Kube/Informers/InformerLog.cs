using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Informers;

/// <summary>Structured logs of informers (EventIds 9100-9199 of the Kube library's 9000-9599, apart from the EPP, simulator and operator ranges because it runs in their processes).</summary>
internal static partial class InformerLog
{
    [LoggerMessage(EventId = 9101, EventName = "Listed", Level = LogLevel.Debug,
        Message = "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, EntityType resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 9102, EventName = "WatchExpired", Level = LogLevel.Information,
        Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion} (410 Gone); relisting")]
    public static partial void WatchExpired(ILogger logger, EntityType resource, string? resourceVersion);

    [LoggerMessage(EventId = 9103, EventName = "WatchFailed", Level = LogLevel.Warning,
        Message = "Watch or list of {Resource} failed ({Reason}); retrying in {DelayMs} ms: {Detail}")]
    public static partial void WatchFailed(ILogger logger, EntityType resource, string reason, double delayMs, string detail);

    [LoggerMessage(EventId = 9104, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "An informer handler for {Resource} threw on a {EventType} event of {Key}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, EntityType resource, InformerEventType eventType, NamespacedName key);

    [LoggerMessage(EventId = 9105, EventName = "WatchEnded", Level = LogLevel.Debug,
        Message = "Watch of {Resource} ended at resourceVersion {ResourceVersion}; resuming")]
    public static partial void WatchEnded(ILogger logger, EntityType resource, string? resourceVersion);
}
