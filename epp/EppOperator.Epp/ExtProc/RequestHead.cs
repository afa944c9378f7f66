namespace EppOperator.Epp.ExtProc;

/// <summary>What the request headers told the EPP, kept until the body's end of stream.</summary>
internal sealed record RequestHead(
    IReadOnlyDictionary<string, string> Headers,
    string RequestId,
    bool RequestIdGenerated,
    DateTimeOffset ReceivedAt,
    long ReceivedTimestamp)
{
    /// <summary>The ext_proc call's gRPC deadline, if the proxy set one: flow control never queues a request past it.</summary>
    public DateTimeOffset? Deadline { get; init; }
}
