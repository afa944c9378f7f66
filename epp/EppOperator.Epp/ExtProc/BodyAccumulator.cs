using System.Buffers;
using Google.Protobuf;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// Collects body chunks into one contiguous buffer. A body that arrives in a single chunk is kept as that
/// chunk's bytes (no copy); a split body is copied into a pooled array, returned on <see cref="Dispose"/>.
/// </summary>
internal sealed class BodyAccumulator : IDisposable
{
    private ByteString? _single;
    private byte[]? _pooled;
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Memory =>
        _pooled is not null ? _pooled.AsMemory(0, _length) : _single?.Memory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The single received chunk when the body was not split; lets unchanged bodies be echoed as-is.</summary>
    public ByteString? SingleChunk => _pooled is null ? _single : null;

    public void Append(ByteString chunk)
    {
        if (chunk.IsEmpty) return;
        if (_length == 0 && _pooled is null)
        {
            _single = chunk;
            _length = chunk.Length;
            return;
        }

        EnsureCapacity(_length + chunk.Length);
        chunk.Span.CopyTo(_pooled.AsSpan(_length));
        _length += chunk.Length;
    }

    /// <summary>Forgets the content (keeps a pooled buffer for reuse).</summary>
    public void Clear()
    {
        _single = null;
        _length = 0;
    }

    public void Dispose()
    {
        Clear();
        if (_pooled is null) return;
        ArrayPool<byte>.Shared.Return(_pooled);
        _pooled = null;
    }

    private void EnsureCapacity(int needed)
    {
        if (_pooled is not null && _pooled.Length >= needed) return;
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(4096, (_pooled?.Length ?? 0) * 2)));
        if (_pooled is not null)
        {
            _pooled.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_pooled);
        }
        else if (_single is not null)
        {
            _single.Span.CopyTo(grown);
            _single = null;
        }

        _pooled = grown;
    }
}
