using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Client;

/// <summary>Structured logs of the Kubernetes client (EventIds 9000-9099 of the Kube library's 9000-9599, apart from the EPP, simulator and operator ranges because it runs in their processes).</summary>
internal static partial class KubernetesClientLog
{
    [LoggerMessage(EventId = 9001, EventName = "RequestFailed", Level = LogLevel.Debug,
        Message = "{Method} {Path} failed: {StatusCode} {Reason}: {Detail}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int statusCode, string reason, string detail);

    [LoggerMessage(EventId = 9002, EventName = "WatchBadLine", Level = LogLevel.Warning,
        Message = "Watch of {Resource} skipped an unparseable line ({Length} bytes): {Error}")]
    public static partial void WatchBadLine(ILogger logger, string resource, int length, string error);

    [LoggerMessage(EventId = 9003, EventName = "WatchUnknownEventType", Level = LogLevel.Warning,
        Message = "Watch of {Resource} skipped an event of unknown type \"{EventType}\"")]
    public static partial void WatchUnknownEventType(ILogger logger, string resource, string eventType);

    [LoggerMessage(EventId = 9004, EventName = "ListRestarted", Level = LogLevel.Information,
        Message = "List of {Resource} restarted from the first page: the continue token expired")]
    public static partial void ListRestarted(ILogger logger, EntityType resource);
}
