using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>Inference requests as the request path builds them, with what flow control reads set explicitly.</summary>
internal static class FlowRequests
{
    private static int _next;

    public static InferenceRequest Create(
        string flow = "default-flow",
        int priority = 0,
        int bytes = 100,
        string? id = null,
        IReadOnlyDictionary<string, string>? headers = null,
        DateTimeOffset receivedAt = default,
        string model = "m") => new()
        {
            RequestId = id ?? $"r{Interlocked.Increment(ref _next)}",
            Kind = RequestKind.ChatCompletions,
            Path = "/v1/chat/completions",
            IncomingModel = model,
            TargetModel = model,
            FairnessId = flow,
            Priority = priority,
            BodyLength = bytes,
            Headers = headers ?? new Dictionary<string, string>(),
            ReceivedAt = receivedAt,
        };
}
