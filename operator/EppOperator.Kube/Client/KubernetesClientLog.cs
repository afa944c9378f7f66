using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Client;

internal static partial class KubernetesClientLog
{
    [LoggerMessage(EventId = 1001, EventName = "RequestFailed", Level = LogLevel.Debug,
        Message = "{Method} {Path} failed: {StatusCode} {Reason}: {Detail}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int statusCode, string reason, string detail);

    [LoggerMessage(EventId = 1002, EventName = "WatchBadLine", Level = LogLevel.Warning,
        Message = "Watch of {Resource} skipped an unparseable line ({Length} bytes): {Error}")]
    public static partial void WatchBadLine(ILogger logger, string resource, int length, string error);

    [LoggerMessage(EventId = 1003, EventName = "WatchUnknownEventType", Level = LogLevel.Warning,
        Message = "Watch of {Resource} skipped an event of unknown type \"{EventType}\"")]
    public static partial void WatchUnknownEventType(ILogger logger, string resource, string eventType);

    [LoggerMessage(EventId = 1004, EventName = "ListRestarted", Level = LogLevel.Information,
        Message = "List of {Resource} restarted from the first page: the continue token expired")]
    public static partial void ListRestarted(ILogger logger, EntityType resource);

    [LoggerMessage(EventId = 1005, EventName = "ConflictRetry", Level = LogLevel.Debug,
        Message = "Conflict on attempt {Attempt}; retrying in {DelayMs} ms: {Detail}")]
    public static partial void ConflictRetry(ILogger logger, int attempt, double delayMs, string detail);
}
