namespace EppOperator.Epp.Requests;

/// <summary>
/// One parsed inference request, as the scheduler and the request-control hooks see it. Built once per
/// exchange by the request path after the body's end of stream.
/// </summary>
internal sealed class InferenceRequest
{
    /// <summary><c>x-request-id</c>, generated when the client sent none.</summary>
    public required string RequestId { get; init; }

    public required RequestKind Kind { get; init; }

    /// <summary>Request path without the query string.</summary>
    public required string Path { get; init; }

    /// <summary>The model the client asked for (<c>body.model</c>); empty for bodiless requests.</summary>
    public required string IncomingModel { get; init; }

    /// <summary>The model after rewrites; what the model server will serve (e.g. a LoRA adapter name).</summary>
    public required string TargetModel { get; init; }

    public bool Stream { get; init; }

    /// <summary>
    /// Raw UTF-8 bytes of the prompt-bearing JSON value (the completion prompt, the chat messages, the responses
    /// input), sliced from the body without re-serialising it. The prefix index hashes these.
    /// </summary>
    public ReadOnlyMemory<byte> PrefixSource { get; init; }

    /// <summary>Prompt tokens estimated as bytes / 4, at least 1 (the reference's estimate).</summary>
    public int EstimatedInputTokens => Math.Max(PrefixSource.Length / 4, 1);

    /// <summary>Name from <c>x-gateway-inference-objective</c>, if any.</summary>
    public string? ObjectiveName { get; init; }

    /// <summary>Higher is more important; negative means sheddable. 0 when no objective matched.</summary>
    public int Priority { get; init; }

    /// <summary>From <c>x-gateway-inference-fairness-id</c>; <c>default-flow</c> when absent.</summary>
    public string FairnessId { get; init; } = "default-flow";

    /// <summary>Request headers with lower-case keys (values as received).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>When the request headers arrived at the EPP.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Size of the request body as received, in bytes.</summary>
    public int BodyLength { get; init; }

    /// <summary>
    /// Per-request state owned by the scheduler between <c>Schedule</c> and response completion (e.g. the prefix
    /// hashes computed for matching, reused when the pick is recorded). Nobody else reads it.
    /// </summary>
    public object? SchedulingState { get; set; }
}
