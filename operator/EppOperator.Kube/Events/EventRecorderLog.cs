using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Events;

/// <summary>Structured logs of the event recorder (EventIds 9500-9599 of the Kube library's 9000-9599, apart from the EPP, simulator and operator ranges because it runs in their processes).</summary>
internal static partial class EventRecorderLog
{
    [LoggerMessage(EventId = 9501, EventName = "EventNotRecorded", Level = LogLevel.Warning,
        Message = "Could not record {Type} event {Reason} on {Object}: {Detail}")]
    public static partial void EventNotRecorded(ILogger logger, string type, string reason, string @object, string detail);
}
