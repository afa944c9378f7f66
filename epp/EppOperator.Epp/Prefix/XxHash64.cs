using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace EppOperator.Epp.Prefix;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit variant), written here because System.IO.Hashing is not restorable in this
/// build environment. Checked against the reference suite's published sanity vectors; swap for
/// <c>System.IO.Hashing.XxHash64.HashToUInt64</c> when that package is available (same algorithm, same output).
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;
    private const int StripeLength = 32;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        var length = data.Length;
        var hash = length >= StripeLength ? Stripes(ref data, seed) : seed + Prime5;
        hash += (ulong)length;
        while (data.Length >= 8)
        {
            hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data));
            hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4;
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data) * Prime1;
            hash = (BitOperations.RotateLeft(hash, 23) * Prime2) + Prime3;
            data = data[4..];
        }

        foreach (var b in data)
        {
            hash ^= b * Prime5;
            hash = BitOperations.RotateLeft(hash, 11) * Prime1;
        }

        return Avalanche(hash);
    }

    /// <summary>
    /// XXH64 of <paramref name="data"/> followed by the 8 little-endian bytes of <paramref name="suffix"/>, without
    /// building the concatenation: the prefix index chains block hashes this way. <paramref name="data"/> must be a
    /// whole number of 32-byte stripes (true for the default 64-byte blocks); other lengths use <see cref="Hash"/>.
    /// </summary>
    public static ulong HashWithSuffix(ReadOnlySpan<byte> data, ulong suffix, ulong seed = 0)
    {
        if (data.Length % StripeLength != 0) throw new ArgumentException("length must be a multiple of 32", nameof(data));
        var length = data.Length + 8;
        var hash = data.Length >= StripeLength ? Stripes(ref data, seed) : seed + Prime5;
        hash += (ulong)length;
        hash ^= Round(0, suffix);
        hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4;
        return Avalanche(hash);
    }

    // Consumes every whole 32-byte stripe of data and returns the merged accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Stripes(ref ReadOnlySpan<byte> data, ulong seed)
    {
        var v1 = seed + Prime1 + Prime2;
        var v2 = seed + Prime2;
        var v3 = seed;
        var v4 = seed - Prime1;
        do
        {
            v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data));
            v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
            v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
            v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
            data = data[StripeLength..];
        }
        while (data.Length >= StripeLength);

        var hash = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
            + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
        hash = MergeRound(hash, v1);
        hash = MergeRound(hash, v2);
        hash = MergeRound(hash, v3);
        return MergeRound(hash, v4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        hash ^= hash >> 32;
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong accumulator, ulong input)
    {
        accumulator += input * Prime2;
        accumulator = BitOperations.RotateLeft(accumulator, 31);
        return accumulator * Prime1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MergeRound(ulong accumulator, ulong value)
    {
        accumulator ^= Round(0, value);
        return (accumulator * Prime1) + Prime4;
    }
}
