namespace EppOperator.Benchmarks.Grpc;

/// <summary>The JSON report of the <c>grpc</c> benchmark.</summary>
internal sealed record GrpcBenchmarkReport(
    string Benchmark,
    DateTimeOffset StartedAt,
    bool Quick,
    string Machine,
    string Notes,
    IReadOnlyList<GrpcBenchmarkResult> Results);
