using EppOperator.Epp.Requests;

namespace EppOperator.Epp.FlowControl;

/// <summary>Label text and the client-facing error of each <see cref="FlowOutcome"/> (reference <c>translateFlowControlOutcome</c>).</summary>
internal static class FlowOutcomeExtensions
{
    public const string TimedOutMessage = "request timed out in queue";

    private static readonly InferenceError Capacity = new(InferenceErrorCode.ResourceExhausted, "request rejected by flow control: queue at capacity");
    private static readonly InferenceError TimedOut = new(InferenceErrorCode.ServiceUnavailable, TimedOutMessage);
    private static readonly InferenceError Disconnected = new(InferenceErrorCode.ServiceUnavailable, "client disconnected while the request was queued");
    private static readonly InferenceError Other = new(InferenceErrorCode.Internal, "internal flow control error: the queue is shutting down");

    /// <summary>The reference's <c>QueueOutcome</c> string, used as the <c>outcome</c> metric label.</summary>
    public static string Label(this FlowOutcome outcome) => outcome switch
    {
        FlowOutcome.Pending => "NotYetFinalized",
        FlowOutcome.Dispatched => "Dispatched",
        FlowOutcome.RejectedCapacity => "RejectedCapacity",
        FlowOutcome.RejectedOther => "RejectedOther",
        FlowOutcome.EvictedTtl => "EvictedTTL",
        FlowOutcome.EvictedContextCancelled => "EvictedContextCancelled",
        _ => "EvictedOther",
    };

    /// <summary>The answer for a request that was not dispatched; null for <see cref="FlowOutcome.Dispatched"/>.</summary>
    public static InferenceError? ToError(this FlowOutcome outcome) => outcome switch
    {
        FlowOutcome.Dispatched => null,
        FlowOutcome.RejectedCapacity => Capacity,
        FlowOutcome.EvictedTtl => TimedOut,
        FlowOutcome.EvictedContextCancelled => Disconnected,
        FlowOutcome.Pending => throw new InvalidOperationException("a queued request has no outcome yet"),
        _ => Other,
    };
}
