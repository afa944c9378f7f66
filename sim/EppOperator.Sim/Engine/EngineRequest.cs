namespace EppOperator.Sim.Engine;

/// <summary>What the engine needs to know about one request, after tokenisation.</summary>
internal sealed record EngineRequest
{
    public required string Id { get; init; }

    public required int PromptTokens { get; init; }

    /// <summary>Chained hashes of the prompt's full blocks (<see cref="TextTokenizer"/>); one per block of
    /// <c>BlockSize</c> tokens, so <c>PromptTokens / BlockSize</c> of them.</summary>
    public required ReadOnlyMemory<ulong> BlockHashes { get; init; }

    /// <summary>Tokens to generate; the serving layer has already applied max_tokens and ignore_eos.</summary>
    public required int OutputTokens { get; init; }

    /// <summary>LoRA adapter name, or null for the base model.</summary>
    public string? Adapter { get; init; }
}
