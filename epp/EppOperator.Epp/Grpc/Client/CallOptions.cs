namespace EppOperator.Epp.Grpc.Client;

/// <summary>Per-call options: an absolute UTC deadline (sent as <c>grpc-timeout</c>), request metadata and cancellation.</summary>
internal readonly record struct CallOptions(
    DateTime? Deadline = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    CancellationToken CancellationToken = default);
