namespace EppOperator.Benchmarks.Grpc;

/// <summary>One measured scenario of the gRPC transport benchmark.</summary>
internal sealed record GrpcBenchmarkResult
{
    public required string Client { get; init; }

    public required string Transport { get; init; }

    public required string Scenario { get; init; }

    public int Streams { get; init; } = 1;

    /// <summary>Round trips (one request message answered by one response message) per second, all streams together.</summary>
    public double MessagesPerSecond { get; init; }

    public LatencySummary? Latency { get; init; }

    /// <summary>Managed bytes allocated per round trip by client and server together (both run in this process); null when not measured.</summary>
    public double? AllocatedBytesPerRoundTrip { get; init; }

    /// <summary>Why the scenario did not run, when it did not.</summary>
    public string? Skipped { get; init; }
}
