
namespace EppOperator.Benchmarks.ExtProc;

/// <summary>The state machine alone (no transport, replies serialised but not sent), one stream at a time.</summary>
internal sealed record InProcessRun(int Exchanges, LatencySummary Exchange, LatencySummary EppProcessing, long AllocatedBytesPerExchange);
