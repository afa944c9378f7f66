using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Events;

internal static partial class EventRecorderLog
{
    [LoggerMessage(EventId = 1501, EventName = "EventNotRecorded", Level = LogLevel.Warning,
        Message = "Could not record {Type} event {Reason} on {Object}: {Detail}")]
    public static partial void EventNotRecorded(ILogger logger, string type, string reason, string @object, string detail);
}
