using System.Runtime.InteropServices;
using EppOperator.Epp.Prefix;

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

    private static ulong Seed(string? adapter) => adapter is null ? 0 : HashBlock(0, adapter);

    private static ulong HashBlock(ulong parent, ReadOnlySpan<char> chars) => XxHash64.Hash(MemoryMarshal.AsBytes(chars), parent);
}
