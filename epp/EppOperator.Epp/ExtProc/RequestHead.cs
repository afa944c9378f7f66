namespace EppOperator.Epp.ExtProc;

/// <summary>What the request headers told the EPP, kept until the body's end of stream.</summary>
internal sealed record RequestHead(
    IReadOnlyDictionary<string, string> Headers,
    string RequestId,
    bool RequestIdGenerated,
    DateTimeOffset ReceivedAt,
    long ReceivedTimestamp);
