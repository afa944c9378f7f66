using System.Numerics;
using System.Runtime.InteropServices;

namespace EppOperator.Sim.Engine;

/// <summary>
/// The simulator's tokenizer: a token is a fixed chunk of <see cref="CharsPerToken"/> characters (the last one may
/// be shorter), the estimate the EPP also uses. The prefix cache keys a full block of tokens by a hash chained over
/// all blocks before it, as vLLM does, so equal hashes mean equal prefixes; the chain starts from the adapter name
/// because KV computed under one LoRA adapter is useless to another.
/// </summary>
internal static class TextTokenizer
{
    public const int CharsPerToken = 4;

    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;

    public static int CountTokens(ReadOnlySpan<char> text) => (text.Length + CharsPerToken - 1) / CharsPerToken;

    /// <summary>Token count and the chained hashes of every full block of <paramref name="blockSize"/> tokens.</summary>
    public static TokenizedPrompt Tokenize(ReadOnlySpan<char> text, int blockSize, string? adapter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        var tokens = CountTokens(text);
        var hashes = new ulong[tokens / blockSize];
        var blockChars = blockSize * CharsPerToken;
        var h = Seed(adapter);
        for (var b = 0; b < hashes.Length; b++)
        {
            var start = b * blockChars;
            h = HashBlock(h, text.Slice(start, Math.Min(blockChars, text.Length - start)));
            hashes[b] = h;
        }

        return new TokenizedPrompt(tokens, hashes);
    }

    private static ulong Seed(string? adapter)
    {
        var h = Prime3;
        return adapter is null ? h : HashBlock(h, adapter);
    }

    // A multiply-rotate mix over 8-byte lanes (four UTF-16 characters at a time) with a final avalanche. Not a
    // published hash: it only has to be fast, deterministic across runs and processes, and collision-free in practice.
    private static ulong HashBlock(ulong parent, ReadOnlySpan<char> chars)
    {
        var h = parent ^ ((ulong)chars.Length * Prime1);
        var lanes = MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var lane in lanes)
        {
            h = BitOperations.RotateLeft(h ^ (lane * Prime2), 31) * Prime1;
        }

        for (var i = lanes.Length * 4; i < chars.Length; i++)
        {
            h = BitOperations.RotateLeft(h ^ (chars[i] * Prime3), 23) * Prime2;
        }

        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        h ^= h >> 32;
        return h;
    }
}
