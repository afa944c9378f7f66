using System.Runtime.InteropServices;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Prefix;

/// <summary>
/// One endpoint's view of the prefix index: the block hashes believed to be in its KV cache, in least-recently-used
/// order, bounded by <see cref="Capacity"/>. Nodes live in parallel arrays (hash, prev, next) with a free list, so
/// touching a block moves two ints and inserting one allocates nothing once the arrays have grown.
/// All members are guarded by <see cref="Gate"/>; the owning <see cref="PrefixIndex"/> keeps the shards in step.
/// </summary>
internal sealed class EndpointBlockCache
{
    private const int None = -1;
    private const int InitialNodes = 64;

    private readonly Dictionary<ulong, int> _nodeByHash = [];
    private ulong[] _hashes = new ulong[InitialNodes];
    private int[] _prev = new int[InitialNodes];
    private int[] _next = new int[InitialNodes];
    private int _used;
    private int _free = None;
    private int _mostRecent = None;
    private int _leastRecent = None;

    public EndpointBlockCache(Endpoint endpoint, int slot, int capacity)
    {
        Endpoint = endpoint;
        Slot = slot;
        Capacity = capacity;
    }

    public Endpoint Endpoint { get; }

    /// <summary>Dense index of this endpoint inside the index's shards.</summary>
    public int Slot { get; }

    public Lock Gate { get; } = new();

    /// <summary>Maximum blocks kept; the caller evicts down to it after lowering it.</summary>
    public int Capacity { get; set; }

    public int Count => _nodeByHash.Count;

    /// <summary>Set once the endpoint left the pool; later records for it are dropped.</summary>
    public bool Removed { get; set; }

    /// <summary>Makes <paramref name="hash"/> the most recently used block; true when it was not held before.</summary>
    public bool Touch(ulong hash)
    {
        ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodeByHash, hash, out var exists);
        if (exists)
        {
            if (node != _mostRecent)
            {
                Unlink(node);
                LinkFront(node);
            }

            return false;
        }

        node = AllocateNode();
        _hashes[node] = hash;
        LinkFront(node);
        return true;
    }

    /// <summary>Removes the least recently used block and returns its hash; false when empty.</summary>
    public bool TryEvictLeastRecent(out ulong hash)
    {
        if (_leastRecent == None)
        {
            hash = 0;
            return false;
        }

        var node = _leastRecent;
        hash = _hashes[node];
        Unlink(node);
        _nodeByHash.Remove(hash);
        _next[node] = _free;
        _free = node;
        return true;
    }

    /// <summary>Hashes from least to most recently used (the eviction order); for tests and purges.</summary>
    public List<ulong> HashesByAge()
    {
        var hashes = new List<ulong>(Count);
        for (var node = _leastRecent; node != None; node = _prev[node]) hashes.Add(_hashes[node]);
        return hashes;
    }

    public void Clear()
    {
        _nodeByHash.Clear();
        _hashes = new ulong[InitialNodes];
        _prev = new int[InitialNodes];
        _next = new int[InitialNodes];
        _used = 0;
        _free = None;
        _mostRecent = None;
        _leastRecent = None;
    }

    private int AllocateNode()
    {
        if (_free != None)
        {
            var reused = _free;
            _free = _next[reused];
            return reused;
        }

        if (_used == _hashes.Length)
        {
            // Doubling, but never past what the capacity can use: the arrays are most of the index's memory.
            var size = (int)Math.Min(_hashes.Length * 2L, Math.Max(Capacity + 1L, _hashes.Length + 1L));
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _next, size);
        }

        return _used++;
    }

    // _prev points towards the most recent end, _next towards the least recent end.
    private void LinkFront(int node)
    {
        _prev[node] = None;
        _next[node] = _mostRecent;
        if (_mostRecent != None) _prev[_mostRecent] = node;
        _mostRecent = node;
        if (_leastRecent == None) _leastRecent = node;
    }

    private void Unlink(int node)
    {
        var prev = _prev[node];
        var next = _next[node];
        if (prev != None) _next[prev] = next;
        else _mostRecent = next;
        if (next != None) _prev[next] = prev;
        else _leastRecent = prev;
    }
}
