using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.FlowControl;

/// <summary>Structured logs of admission and flow control (event ids 2000–2099).</summary>
internal static partial class FlowControlLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Admission: {Mode}, saturation detector {Detector} ({DetectorType})")]
    public static partial void Configured(ILogger logger, string mode, string detector, string detectorType);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Request {RequestId} (priority {Priority}) shed: pool saturation {Saturation:F2}")]
    public static partial void Shed(ILogger logger, string requestId, int priority, double saturation);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Request {RequestId} (flow {FairnessId}, priority {Priority}) left the queue after {QueueTime}: {Outcome}")]
    public static partial void Finalized(ILogger logger, string requestId, string fairnessId, int priority, TimeSpan queueTime, FlowOutcome outcome);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Flow-control completion of request {RequestId} failed")]
    public static partial void CompletionFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Flow-control dispatch failed; {Queued} requests stay queued until the next wake-up")]
    public static partial void DispatchFailed(ILogger logger, int queued, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Flow control stopping: {Count} queued requests evicted")]
    public static partial void EvictedOnShutdown(ILogger logger, int count);
}
