namespace EppOperator.Sim.Engine;

/// <summary>Why the engine refused a request (expected outcomes; the HTTP layer maps them to status codes).</summary>
internal enum SubmitRejection
{
    None,

    /// <summary>Prompt plus output exceed <c>max_model_len</c> or the whole KV cache (HTTP 400).</summary>
    TooLong,

    /// <summary>The waiting queue is at <c>MaxWaitingRequests</c> (HTTP 429).</summary>
    QueueFull,

    /// <summary>The adapter needs LoRA slots but the profile has none (HTTP 400).</summary>
    LoraDisabled,
}
