namespace EppOperator.Sim.Engine;

/// <summary>
/// The calibrated profiles. Sources and arithmetic are in <c>sim/README.md</c> ("Calibration").
/// </summary>
internal static class EngineProfiles
{
    /// <summary>
    /// Llama-3.1-8B on one H100 80GB: ≈12–13 ms inter-token latency at light load, ≈15k prompt tokens/s in a full
    /// 8,192-token prefill step, 31,250 KV blocks × 16 = 500k tokens.
    /// </summary>
    public static readonly EngineProfile H100Llama3_8B = new()
    {
        Name = "h100-llama3-8b",
        NumGpuBlocks = 31_250,
        MaxNumSeqs = 256,
        MaxNumBatchedTokens = 8192,
        MaxModelLen = 32_768,
        StepBaseMs = 12.0,
        DecodeMsPerSeq = 0.065,
        PrefillMsPerToken = 0.0625,
        StepJitter = 0.03,
        MaxLoras = 1,
    };

    /// <summary>
    /// The same speed with the 307,328-token KV cache per instance of the llm-d "KV-cache wins" benchmark
    /// (19,208 blocks): the working set of the high-cache workload then needs about 73% of the fleet's cache,
    /// so cache pressure and routing quality show.
    /// </summary>
    public static readonly EngineProfile H100Llama3_8BSmallKv = H100Llama3_8B with
    {
        Name = "h100-llama3-8b-small-kv",
        NumGpuBlocks = 19_208,
    };

    public static IReadOnlyList<EngineProfile> All { get; } = [H100Llama3_8B, H100Llama3_8BSmallKv];

    public static EngineProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
