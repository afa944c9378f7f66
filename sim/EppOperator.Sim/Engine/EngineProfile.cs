namespace EppOperator.Sim.Engine;

/// <summary>
/// Everything that shapes one simulated model server: the vLLM scheduler limits, the paged KV cache and the
/// step-time model <c>step = StepBaseMs + DecodeMsPerSeq × decode sequences + PrefillMsPerToken × prefill tokens</c>.
/// Every field can be overridden from the command line; <see cref="EngineProfiles"/> holds the calibrated ones.
/// </summary>
internal sealed record EngineProfile
{
    public required string Name { get; init; }

    /// <summary>Tokens per KV block (vLLM <c>--block-size</c>).</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>KV blocks on the accelerator (vLLM <c>num_gpu_blocks</c>); capacity is this × <see cref="BlockSize"/> tokens.</summary>
    public required int NumGpuBlocks { get; init; }

    /// <summary>Most sequences in one batch (vLLM <c>--max-num-seqs</c>).</summary>
    public int MaxNumSeqs { get; init; } = 256;

    /// <summary>Token budget of one step: decode tokens plus prefill chunks (vLLM <c>--max-num-batched-tokens</c>).</summary>
    public int MaxNumBatchedTokens { get; init; } = 8192;

    /// <summary>Longest prompt plus output a request may ask for (vLLM <c>--max-model-len</c>).</summary>
    public int MaxModelLen { get; init; } = 32768;

    /// <summary>Fixed cost of one forward pass (kernel launches, sampling, scheduling).</summary>
    public required double StepBaseMs { get; init; }

    /// <summary>Added per sequence that decodes one token in the step (attention over its KV, sampling).</summary>
    public required double DecodeMsPerSeq { get; init; }

    /// <summary>Added per prompt token computed in the step (the batched prefill rate is its inverse).</summary>
    public required double PrefillMsPerToken { get; init; }

    /// <summary>Relative standard deviation of the step time (0 = exact); draws come from the engine's seeded random.</summary>
    public double StepJitter { get; init; }

    /// <summary>LoRA adapters that may be active in one batch (vLLM <c>--max-loras</c>).</summary>
    public int MaxLoras { get; init; } = 1;

    /// <summary>Waiting requests beyond this are refused (HTTP 429); 0 = unbounded, as in vLLM.</summary>
    public int MaxWaitingRequests { get; init; }

    /// <summary>The same profile with every duration multiplied by <paramref name="factor"/> (0.1 = ten times faster).</summary>
    public EngineProfile TimeScaled(double factor) => factor == 1.0
        ? this
        : this with
        {
            StepBaseMs = StepBaseMs * factor,
            DecodeMsPerSeq = DecodeMsPerSeq * factor,
            PrefillMsPerToken = PrefillMsPerToken * factor,
        };

    /// <summary>Step time in milliseconds for a batch (without jitter).</summary>
    public double StepMs(int decodeSeqs, int prefillTokens) =>
        StepBaseMs + DecodeMsPerSeq * decodeSeqs + PrefillMsPerToken * prefillTokens;

    /// <summary>Null when the profile is usable, else what is wrong with it.</summary>
    public string? Validate()
    {
        if (BlockSize <= 0) return "block size must be positive";
        if (NumGpuBlocks <= 0) return "num-gpu-blocks must be positive";
        if (MaxNumSeqs <= 0) return "max-num-seqs must be positive";
        if (MaxNumBatchedTokens <= 0) return "max-num-batched-tokens must be positive";
        if (MaxModelLen <= 0) return "max-model-len must be positive";
        if (StepBaseMs <= 0) return "step-base-ms must be positive";
        if (DecodeMsPerSeq < 0 || PrefillMsPerToken < 0) return "per-sequence and per-token costs must not be negative";
        if (StepJitter is < 0 or > 0.5) return "step-jitter must be within [0, 0.5]";
        if (MaxLoras < 0) return "max-loras must not be negative";
        if (MaxWaitingRequests < 0) return "max-waiting must not be negative";
        return null;
    }
}
