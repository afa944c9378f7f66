
namespace EppOperator.Benchmarks.ExtProc;

/// <summary>One concurrency level of the loopback gRPC run.</summary>
internal sealed record LoopbackRun(
    int ConcurrentStreams,
    int Exchanges,
    int Errors,
    double ExchangesPerSecond,
    LatencySummary Exchange,
    LatencySummary EppProcessing,
    long AllocatedBytesPerExchange);
