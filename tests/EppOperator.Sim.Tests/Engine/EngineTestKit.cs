using EppOperator.Sim.Clock;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Tests.Engine;

/// <summary>Round-number profiles, prompts of known token counts, and running a virtual clock to the end.</summary>
internal static class EngineTestKit
{
    /// <summary>Step = 10 ms + 1 ms per decoding sequence + 0.5 ms per prefill token; no jitter.</summary>
    public static EngineProfile Profile(int blocks = 1000, int maxSeqs = 256, int budget = 8192, int maxLoras = 1) => new()
    {
        Name = "test",
        NumGpuBlocks = blocks,
        MaxNumSeqs = maxSeqs,
        MaxNumBatchedTokens = budget,
        MaxModelLen = 100_000,
        StepBaseMs = 10,
        DecodeMsPerSeq = 1,
        PrefillMsPerToken = 0.5,
        MaxLoras = maxLoras,
    };

    /// <summary>Text of exactly <paramref name="tokens"/> tokens; different <paramref name="variant"/>s share nothing.</summary>
    public static string Text(int tokens, int variant) =>
        string.Create(tokens * TextTokenizer.CharsPerToken, variant, static (span, v) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + ((i * 7 + v * 13 + (i / 64) * v) % 26));
        });

    public static EngineRequest Request(string id, string text, int output, string? adapter = null)
    {
        var tokenized = TextTokenizer.Tokenize(text, 16, adapter);
        return new EngineRequest { Id = id, PromptTokens = tokenized.Tokens, BlockHashes = tokenized.BlockHashes, OutputTokens = output, Adapter = adapter };
    }

    public static double Ms(this VirtualTimeProvider time, long timestamp) => time.GetElapsedTime(0, timestamp).TotalMilliseconds;

    public static void RunToEnd(this VirtualTimeProvider time)
    {
        while (time.RunNext())
        {
        }
    }
}
