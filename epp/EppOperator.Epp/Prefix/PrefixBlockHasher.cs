using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace EppOperator.Epp.Prefix;

/// <summary>
/// Splits a prompt's raw bytes into fixed-size blocks and chains their xxHash64 values, so a block's hash stands
/// for the whole prefix up to and including it: h₀ = xxh(model), hᵢ = xxh(blockᵢ ‖ LE64(hᵢ₋₁)). Matches the
/// reference's approximate prefix producer; the partial tail block is dropped.
/// </summary>
internal static class PrefixBlockHasher
{
    /// <summary>The reference's characters-per-token estimate: a block of N tokens is 4·N bytes of prompt.</summary>
    public const int BytesPerToken = 4;

    private const int StackBlockLimit = 1024;
    private const int StackModelLimit = 256;

    /// <summary>How many whole blocks <paramref name="sourceLength"/> bytes hold, capped at <paramref name="maxBlocks"/>.</summary>
    public static int BlockCount(int sourceLength, int blockSizeBytes, int maxBlocks) =>
        blockSizeBytes <= 0 ? 0 : Math.Min(sourceLength / blockSizeBytes, maxBlocks);

    /// <summary>The chain's seed: the hash of the model name, so two models never share blocks.</summary>
    public static ulong ModelSeed(string model)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(model.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackModelLimit ? stackalloc byte[StackModelLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Encoding.UTF8.GetBytes(model, buffer);
            return XxHash64.Hash(buffer[..written]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes the chained hashes of the leading whole blocks of <paramref name="source"/> into
    /// <paramref name="destination"/> (at most its length) and returns how many were written.
    /// </summary>
    public static int ComputeBlockHashes(ReadOnlySpan<byte> source, string model, int blockSizeBytes, Span<ulong> destination)
    {
        var count = BlockCount(source.Length, blockSizeBytes, destination.Length);
        if (count == 0) return 0;
        var previous = ModelSeed(model);
        if (blockSizeBytes % 32 == 0)
        {
            // Whole stripes: hash each block with the previous hash as its suffix, no copying.
            for (var i = 0; i < count; i++)
            {
                previous = XxHash64.HashWithSuffix(source.Slice(i * blockSizeBytes, blockSizeBytes), previous);
                destination[i] = previous;
            }

            return count;
        }

        byte[]? rented = null;
        Span<byte> buffer = blockSizeBytes + 8 <= StackBlockLimit
            ? stackalloc byte[blockSizeBytes + 8]
            : (rented = ArrayPool<byte>.Shared.Rent(blockSizeBytes + 8)).AsSpan(0, blockSizeBytes + 8);
        try
        {
            var chain = buffer[blockSizeBytes..];
            for (var i = 0; i < count; i++)
            {
                // The block is copied next to the previous hash so one XXH64 call covers block ‖ LE64(previous).
                source.Slice(i * blockSizeBytes, blockSizeBytes).CopyTo(buffer);
                BinaryPrimitives.WriteUInt64LittleEndian(chain, previous);
                previous = XxHash64.Hash(buffer);
                destination[i] = previous;
            }

            return count;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
