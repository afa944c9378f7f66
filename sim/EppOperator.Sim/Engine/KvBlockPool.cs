namespace EppOperator.Sim.Engine;

/// <summary>
/// The paged KV cache with automatic prefix caching, shaped like vLLM V1's block pool. Every block is either
/// referenced by running sequences or sits in one free queue ordered for eviction: allocation takes the head,
/// release appends at the tail. A released block keeps its content hash, so a later request with the same prefix
/// can take it back out of the queue (a hit) until an allocation evicts it.
/// </summary>
internal sealed class KvBlockPool
{
    private const int None = -1;

    private readonly int[] _refCount;
    private readonly ulong[] _hash;
    private readonly bool[] _hashed;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly Dictionary<ulong, int> _cached;
    private int _head = None;
    private int _tail = None;

    public KvBlockPool(int numBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numBlocks);
        NumBlocks = numBlocks;
        _refCount = new int[numBlocks];
        _hash = new ulong[numBlocks];
        _hashed = new bool[numBlocks];
        _prev = new int[numBlocks];
        _next = new int[numBlocks];
        _cached = new Dictionary<ulong, int>(Math.Min(numBlocks, 1 << 16));
        for (var b = 0; b < numBlocks; b++) Append(b);
        FreeBlocks = numBlocks;
    }

    public int NumBlocks { get; }

    /// <summary>Blocks no running sequence references (never used, or cached and evictable).</summary>
    public int FreeBlocks { get; private set; }

    public int UsedBlocks => NumBlocks - FreeBlocks;

    /// <summary>vLLM's <c>kv_cache_usage_perc</c>: the fraction of blocks referenced by running sequences.</summary>
    public double Usage => (double)UsedBlocks / NumBlocks;

    /// <summary>Blocks in eviction order (next to be reused first); for tests and diagnostics.</summary>
    public IEnumerable<int> FreeQueue()
    {
        for (var b = _head; b != None; b = _next[b]) yield return b;
    }

    public bool IsCached(ulong hash) => _cached.ContainsKey(hash);

    /// <summary>How many leading hashes are cached, stopping at the first miss; no side effects.</summary>
    public int CountCachedPrefix(ReadOnlySpan<ulong> hashes)
    {
        var n = 0;
        while (n < hashes.Length && _cached.ContainsKey(hashes[n])) n++;
        return n;
    }

    /// <summary>Of the first <paramref name="count"/> hashes (all cached), how many sit in the free queue: taking
    /// them removes them from what new allocations can use.</summary>
    public int CountEvictable(ReadOnlySpan<ulong> hashes, int count)
    {
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (_refCount[_cached[hashes[i]]] == 0) n++;
        }

        return n;
    }

    /// <summary>References the cached blocks of the first <paramref name="count"/> hashes (a prefix-cache hit).</summary>
    public void AcquireCached(ReadOnlySpan<ulong> hashes, int count, List<int> into)
    {
        for (var i = 0; i < count; i++)
        {
            var block = _cached[hashes[i]];
            if (_refCount[block]++ == 0)
            {
                Unlink(block);
                FreeBlocks--;
            }

            into.Add(block);
        }
    }

    /// <summary>Takes the block at the head of the free queue, evicting its cached content.</summary>
    public int Allocate()
    {
        if (_head == None) throw new InvalidOperationException("KV block pool exhausted; callers check FreeBlocks first");
        var block = _head;
        Unlink(block);
        FreeBlocks--;
        if (_hashed[block])
        {
            _cached.Remove(_hash[block]);
            _hashed[block] = false;
        }

        _refCount[block] = 1;
        return block;
    }

    /// <summary>Publishes a full block's content hash so later requests can hit it. The first block registered
    /// for a hash keeps it; a duplicate computed concurrently stays private (no request can hit it).</summary>
    public void Register(int block, ulong hash)
    {
        if (_hashed[block] || !_cached.TryAdd(hash, block)) return;
        _hash[block] = hash;
        _hashed[block] = true;
    }

    /// <summary>Drops one reference from each block. Blocks are appended to the free queue in reverse order, so a
    /// sequence's tail is evicted before its root, which is the part other requests share.</summary>
    public void Release(List<int> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            var block = blocks[i];
            if (_refCount[block] <= 0) throw new InvalidOperationException($"block {block} released more often than acquired");
            if (--_refCount[block] == 0)
            {
                Append(block);
                FreeBlocks++;
            }
        }

        blocks.Clear();
    }

    private void Append(int block)
    {
        _prev[block] = _tail;
        _next[block] = None;
        if (_tail == None) _head = block;
        else _next[_tail] = block;
        _tail = block;
    }

    private void Unlink(int block)
    {
        var prev = _prev[block];
        var next = _next[block];
        if (prev == None) _head = next;
        else _next[prev] = next;
        if (next == None) _tail = prev;
        else _prev[next] = prev;
        _prev[block] = None;
        _next[block] = None;
    }
}
