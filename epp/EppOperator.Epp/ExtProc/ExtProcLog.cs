using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.ExtProc;

/// <summary>Structured logs of the ext_proc request path (event ids 1000–1099). Bodies are never logged.</summary>
internal static partial class ExtProcLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Request {RequestId} for model {Model} (target {TargetModel}) routed to {Destination}")]
    public static partial void RequestRouted(ILogger logger, string requestId, string model, string targetModel, string destination);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request {RequestId} rejected with {StatusCode}: {ErrorBody}")]
    public static partial void RequestRejected(ILogger logger, string requestId, int statusCode, string errorBody);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "ext_proc protocol violation on request {RequestId}: {Violation}; message ignored")]
    public static partial void ProtocolViolation(ILogger logger, string requestId, string violation);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "ext_proc stream for request {RequestId} ended by the client before completion")]
    public static partial void StreamAbandoned(ILogger logger, string requestId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Unexpected failure while routing request {RequestId}")]
    public static partial void RoutingFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Request lifecycle hook {Hook} failed at {Stage} for request {RequestId}")]
    public static partial void HookFailed(ILogger logger, string hook, string stage, string requestId, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Response body of request {RequestId} exceeded {Limit} bytes; passing it through without usage accounting")]
    public static partial void ResponseBufferOverflow(ILogger logger, string requestId, int limit);
}
