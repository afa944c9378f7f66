using System.CommandLine;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Cli;

/// <summary>
/// One command-line flag per engine parameter; each overrides the chosen profile when given. Shared by
/// <c>serve</c> (one engine) and <c>bench</c> (every simulated pod).
/// </summary>
internal sealed class EngineOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = $"Engine profile: {string.Join(", ", EngineProfiles.All.Select(p => p.Name))}" };

    public Option<int?> NumGpuBlocks { get; } = new("--num-gpu-blocks") { Description = "KV blocks (capacity = blocks x block size tokens)" };

    public Option<int?> BlockSize { get; } = new("--block-size") { Description = "Tokens per KV block" };

    public Option<int?> MaxNumSeqs { get; } = new("--max-num-seqs") { Description = "Most sequences in one batch" };

    public Option<int?> MaxNumBatchedTokens { get; } = new("--max-num-batched-tokens") { Description = "Token budget of one step" };

    public Option<int?> MaxModelLen { get; } = new("--max-model-len") { Description = "Longest prompt plus output" };

    public Option<double?> StepBaseMs { get; } = new("--step-base-ms") { Description = "Fixed cost of one step (ms)" };

    public Option<double?> DecodeMsPerSeq { get; } = new("--decode-ms-per-seq") { Description = "Step cost per decoding sequence (ms)" };

    public Option<double?> PrefillMsPerToken { get; } = new("--prefill-ms-per-token") { Description = "Step cost per prefilled token (ms)" };

    public Option<double?> StepJitter { get; } = new("--step-jitter") { Description = "Relative standard deviation of the step time" };

    public Option<int?> MaxLoras { get; } = new("--max-loras") { Description = "LoRA adapters active in one batch" };

    public Option<int?> MaxWaiting { get; } = new("--max-waiting") { Description = "Waiting requests beyond this get 429 (0 = unbounded)" };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[Profile, NumGpuBlocks, BlockSize, MaxNumSeqs, MaxNumBatchedTokens, MaxModelLen, StepBaseMs,
                     DecodeMsPerSeq, PrefillMsPerToken, StepJitter, MaxLoras, MaxWaiting])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies the engine flags given on the command line to a profile (the identity when none is given).</summary>
    public Func<EngineProfile, EngineProfile> Overrides(ParseResult parse) => profile => profile with
    {
        NumGpuBlocks = parse.GetValue(NumGpuBlocks) ?? profile.NumGpuBlocks,
        BlockSize = parse.GetValue(BlockSize) ?? profile.BlockSize,
        MaxNumSeqs = parse.GetValue(MaxNumSeqs) ?? profile.MaxNumSeqs,
        MaxNumBatchedTokens = parse.GetValue(MaxNumBatchedTokens) ?? profile.MaxNumBatchedTokens,
        MaxModelLen = parse.GetValue(MaxModelLen) ?? profile.MaxModelLen,
        StepBaseMs = parse.GetValue(StepBaseMs) ?? profile.StepBaseMs,
        DecodeMsPerSeq = parse.GetValue(DecodeMsPerSeq) ?? profile.DecodeMsPerSeq,
        PrefillMsPerToken = parse.GetValue(PrefillMsPerToken) ?? profile.PrefillMsPerToken,
        StepJitter = parse.GetValue(StepJitter) ?? profile.StepJitter,
        MaxLoras = parse.GetValue(MaxLoras) ?? profile.MaxLoras,
        MaxWaitingRequests = parse.GetValue(MaxWaiting) ?? profile.MaxWaitingRequests,
    };

    /// <summary>The profile named by <c>--profile</c> (or <paramref name="fallback"/>) with the overrides applied,
    /// or an error naming the flag.</summary>
    public EngineProfile? Resolve(ParseResult parse, string fallback, out string? error)
    {
        var name = parse.GetValue(Profile) ?? fallback;
        var profile = EngineProfiles.Find(name);
        if (profile is null)
        {
            error = $"--profile: unknown profile '{name}'; known: {string.Join(", ", EngineProfiles.All.Select(p => p.Name))}";
            return null;
        }

        profile = Overrides(parse)(profile);
        error = profile.Validate() is { } problem ? $"engine flags: {problem}" : null;
        return error is null ? profile : null;
    }
}
