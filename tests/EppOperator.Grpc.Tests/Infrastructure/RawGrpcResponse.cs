using System.Net;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>Everything a server sent back for one raw request.</summary>
internal sealed record RawGrpcResponse(
    HttpStatusCode StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Trailers,
    byte[] Body)
{
    /// <summary>The gRPC status, from the trailers or, for a Trailers-Only response, the headers.</summary>
    public string? GrpcStatus => Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

    public string? GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    /// <summary>True when the status came in the only HEADERS frame (no messages, no trailers).</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && !Trailers.ContainsKey("grpc-status");

    public override string ToString() =>
        $"HTTP {(int)StatusCode}; headers: {string.Join("; ", Headers.Select(h => $"{h.Key}={h.Value}"))}; trailers: {string.Join("; ", Trailers.Select(h => $"{h.Key}={h.Value}"))}; body {Body.Length} bytes";
}
