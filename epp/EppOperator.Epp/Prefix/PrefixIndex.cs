using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Prefix;

/// <summary>
/// Approximate map of which endpoint holds which prompt prefix in its KV cache, learned from the EPP's own picks.
/// Keys are chained block hashes (<see cref="PrefixBlockHasher"/>), so holding block i means having served a prompt
/// whose first i+1 blocks were exactly these.
/// <para>
/// Layout: 64 shards map a block hash to the slots of its holders (each shard has its own small lock, so picks on
/// different prompts do not contend and no pick takes a global write lock); each endpoint has an LRU of its blocks
/// under its own lock (<see cref="EndpointBlockCache"/>). A prompt is recorded deepest block first, so its root ends
/// up most recently used: ancestors always outlive descendants, which keeps the most shared blocks (system prompts)
/// alive — the reference records root first and evicts it first — and makes every endpoint's held blocks a
/// prefix-closed set, so a match is found by binary search instead of a walk over every block.
/// </para>
/// <para>Memory is bounded by <see cref="PrefixIndexOptions.MaxTotalBlocks"/>, shared evenly between endpoints.</para>
/// </summary>
internal sealed class PrefixIndex
{
    private const int ShardBits = 6;
    private const int EveryRootHolder = -1;

    [ThreadStatic]
    private static MatchScratch? t_scratch;

    private readonly Shard[] _shards;
    private readonly ConcurrentDictionary<Endpoint, EndpointBlockCache> _byEndpoint = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _registrationLock = new();
    private readonly Stack<int> _freeSlots = new();
    private EndpointBlockCache?[] _slots = new EndpointBlockCache?[16];
    private int _nextSlot;
    private volatile int _endpointCount;
    private volatile int _budgetShare;
    private long _totalBlocks;
    private long _registrationVersion;

    public PrefixIndex(PrefixIndexOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CapacityPerEndpoint, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTotalBlocks, 1);
        Options = options;
        _shards = new Shard[1 << ShardBits];
        for (var i = 0; i < _shards.Length; i++) _shards[i] = new Shard();
        _budgetShare = (int)Math.Min(int.MaxValue, options.MaxTotalBlocks);
    }

    public PrefixIndexOptions Options { get; }

    /// <summary>(block, endpoint) entries held; the quantity <see cref="PrefixIndexOptions.MaxTotalBlocks"/> bounds.</summary>
    public long TotalBlocks => Interlocked.Read(ref _totalBlocks);

    public int EndpointCount => _endpointCount;

    /// <summary>Distinct block hashes held by at least one endpoint (locks every shard; for gauges and tests).</summary>
    public int DistinctBlocks
    {
        get
        {
            var total = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Gate) total += shard.Holders.Count;
            }

            return total;
        }
    }

    /// <summary>Blocks one endpoint may hold right now: its configured or auto-tuned capacity within its budget share.</summary>
    public int CapacityFor(Endpoint endpoint)
    {
        var configured = Options.AutoTuneCapacity && endpoint.Metrics.CacheNumBlocks > 0
            ? endpoint.Metrics.CacheNumBlocks
            : Options.CapacityPerEndpoint;
        return Math.Max(1, Math.Min(configured, _budgetShare));
    }

    /// <summary>
    /// Records that <paramref name="endpoint"/> now holds the prompt whose chained block hashes are
    /// <paramref name="hashes"/> (called at pick time, as the reference does).
    /// </summary>
    public void Record(Endpoint endpoint, ReadOnlySpan<ulong> hashes)
    {
        if (hashes.IsEmpty) return;
        var cache = GetOrRegister(endpoint);
        lock (cache.Gate)
        {
            if (cache.Removed) return;
            cache.Capacity = CapacityFor(endpoint);

            // A prompt longer than the capacity keeps its leading blocks: those are the ones a later prompt can match.
            var count = Math.Min(hashes.Length, cache.Capacity);
            for (var i = count - 1; i >= 0; i--)
            {
                if (!cache.Touch(hashes[i])) continue;
                AddHolder(hashes[i], cache.Slot);
                Interlocked.Increment(ref _totalBlocks);
                TrimLocked(cache);
            }
        }
    }

    /// <summary>
    /// For each candidate, the number of leading blocks of <paramref name="hashes"/> it holds, written to
    /// <paramref name="matchedBlocks"/> (same order as <paramref name="candidates"/>). Lock-light: one short shard
    /// lock per probed block, about log₂(blocks) probes per distinct match length; nothing is copied per block.
    /// </summary>
    public void Match(ReadOnlySpan<ulong> hashes, ReadOnlySpan<Endpoint> candidates, Span<int> matchedBlocks)
    {
        matchedBlocks = matchedBlocks[..candidates.Length];
        matchedBlocks.Clear();
        if (hashes.IsEmpty || candidates.IsEmpty || _endpointCount == 0) return;

        var scratch = t_scratch ??= new MatchScratch();
        var slots = Volatile.Read(ref _slots);
        if (scratch.Marks.Length < slots.Length) scratch.Marks = new int[slots.Length];
        var rootStamp = NextStamp(scratch);
        var rootCount = StampHolders(hashes[0], rootStamp, scratch.Marks);
        if (rootCount == 0) return;
        scratch.RootCount = rootCount;

        var groupCount = GroupCandidatesHoldingRoot(candidates, rootStamp, scratch);
        if (groupCount == 0) return;

        Resolve(hashes, 0, hashes.Length - 1, scratch.GroupCandidates.AsSpan(0, groupCount), scratch.GroupSlots.AsSpan(0, groupCount), matchedBlocks, scratch);
    }

    /// <summary>Forgets an endpoint that left the pool; false when it was not known.</summary>
    public bool Remove(Endpoint endpoint)
    {
        lock (_registrationLock)
        {
            if (!_byEndpoint.TryRemove(endpoint, out var cache)) return false;
            Interlocked.Increment(ref _registrationVersion);
            lock (cache.Gate)
            {
                cache.Removed = true;
                cache.Capacity = 0;
                TrimLocked(cache);
                cache.Clear();
            }

            _slots[cache.Slot] = null;
            _freeSlots.Push(cache.Slot);
            _endpointCount = _byEndpoint.Count;
            UpdateBudgetShareLocked();
            return true;
        }
    }

    /// <summary>Forgets every endpoint not in <paramref name="live"/> (the pool's current endpoints).</summary>
    public int RetainOnly(IEnumerable<Endpoint> live)
    {
        var keep = new HashSet<Endpoint>(live, ReferenceEqualityComparer.Instance);
        var removed = 0;
        foreach (var endpoint in _byEndpoint.Keys)
        {
            if (!keep.Contains(endpoint) && Remove(endpoint)) removed++;
        }

        return removed;
    }

    /// <summary>The endpoint's blocks from least to most recently used, i.e. in eviction order.</summary>
    public IReadOnlyList<ulong> BlocksByAge(Endpoint endpoint)
    {
        if (!_byEndpoint.TryGetValue(endpoint, out var cache)) return [];
        lock (cache.Gate) return cache.HashesByAge();
    }

    private EndpointBlockCache GetOrRegister(Endpoint endpoint)
    {
        if (_byEndpoint.TryGetValue(endpoint, out var cache)) return cache;
        lock (_registrationLock)
        {
            if (_byEndpoint.TryGetValue(endpoint, out cache)) return cache;
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++;
            if (slot >= _slots.Length)
            {
                var grown = new EndpointBlockCache?[_slots.Length * 2];
                Array.Copy(_slots, grown, _slots.Length);
                Volatile.Write(ref _slots, grown);
            }

            cache = new EndpointBlockCache(endpoint, slot, capacity: 1);
            _slots[slot] = cache;
            _byEndpoint[endpoint] = cache;
            Interlocked.Increment(ref _registrationVersion);
            _endpointCount = _byEndpoint.Count;
            UpdateBudgetShareLocked();
            return cache;
        }
    }

    // A new endpoint lowers everyone's share of the budget; trimming the others right away keeps the bound strict.
    private void UpdateBudgetShareLocked()
    {
        var share = (int)Math.Min(int.MaxValue, Options.MaxTotalBlocks / Math.Max(1, _byEndpoint.Count));
        var shrunk = share < _budgetShare;
        _budgetShare = share;
        if (!shrunk) return;
        foreach (var cache in _byEndpoint.Values)
        {
            lock (cache.Gate)
            {
                cache.Capacity = CapacityFor(cache.Endpoint);
                TrimLocked(cache);
            }
        }
    }

    private void TrimLocked(EndpointBlockCache cache)
    {
        while (cache.Count > cache.Capacity && cache.TryEvictLeastRecent(out var evicted))
        {
            RemoveHolder(evicted, cache.Slot);
            Interlocked.Decrement(ref _totalBlocks);
        }
    }

    private Shard ShardOf(ulong hash) => _shards[hash >> (64 - ShardBits)];

    private void AddHolder(ulong hash, int slot)
    {
        var shard = ShardOf(hash);
        lock (shard.Gate)
        {
            ref var holders = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Holders, hash, out _);
            holders.Add(slot);
        }
    }

    private void RemoveHolder(ulong hash, int slot)
    {
        var shard = ShardOf(hash);
        lock (shard.Gate)
        {
            ref var holders = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Holders, hash);
            if (Unsafe.IsNullRef(ref holders)) return;
            holders.Remove(slot);
            if (holders.Count == 0) shard.Holders.Remove(hash);
        }
    }

    // Stamps the block's holders into the marks and returns how many there are (0 when nobody holds it).
    private int StampHolders(ulong hash, int stamp, int[] marks)
    {
        var shard = ShardOf(hash);
        lock (shard.Gate)
        {
            ref var holders = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Holders, hash);
            if (Unsafe.IsNullRef(ref holders)) return 0;
            MarkAll(in holders, stamp, marks);
            return holders.Count;
        }
    }

    // Holders registered after the marks were sized lie past them and stay unmarked.
    private static void MarkAll(in BlockHolders holders, int stamp, int[] marks)
    {
        for (var i = 0; i < holders.Count; i++)
        {
            var slot = holders[i];
            if ((uint)slot < (uint)marks.Length) marks[slot] = stamp;
        }
    }

    // Candidates holding the root block, whose holders carry rootStamp in the marks.
    private int GroupCandidatesHoldingRoot(ReadOnlySpan<Endpoint> candidates, int rootStamp, MatchScratch scratch)
    {
        var slots = SlotsOf(candidates, scratch);
        var marks = scratch.Marks;

        if (scratch.GroupCandidates.Length < candidates.Length)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)candidates.Length);
            scratch.GroupCandidates = new int[size];
            scratch.GroupSlots = new int[size];
        }

        // A candidate registered after Match sized the marks (the slot table grew meanwhile) lies past them: it was
        // not stamped, so like an unknown one (-1) it holds nothing yet.
        var count = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if ((uint)slot >= (uint)marks.Length || marks[slot] != rootStamp) continue;
            scratch.GroupCandidates[count] = i;
            scratch.GroupSlots[count] = slot;
            count++;
        }

        return count;
    }

    // Each candidate's slot (-1 when unknown). Requests usually pass the same snapshot array until the pool changes,
    // so the mapping is kept per thread and reused while the candidates are the same objects and no endpoint was
    // registered or removed since; otherwise it is rebuilt with one dictionary lookup per candidate.
    private ReadOnlySpan<int> SlotsOf(ReadOnlySpan<Endpoint> candidates, MatchScratch scratch)
    {
        var version = Volatile.Read(ref _registrationVersion);
        var n = candidates.Length;
        if (scratch.CachedVersion == version && scratch.CachedCount == n && SameObjects(candidates, scratch.CachedCandidates.AsSpan(0, n)))
        {
            return scratch.CachedSlots.AsSpan(0, n);
        }

        if (scratch.CachedCandidates.Length < n)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)n);
            scratch.CachedCandidates = new Endpoint[size];
            scratch.CachedSlots = new int[size];
        }

        for (var i = 0; i < n; i++)
        {
            scratch.CachedCandidates[i] = candidates[i];
            scratch.CachedSlots[i] = _byEndpoint.TryGetValue(candidates[i], out var cache) ? cache.Slot : -1;
        }

        Array.Clear(scratch.CachedCandidates, n, scratch.CachedCount > n ? scratch.CachedCount - n : 0);
        scratch.CachedCount = n;
        scratch.CachedVersion = version;
        return scratch.CachedSlots.AsSpan(0, n);
    }

    private static bool SameObjects(ReadOnlySpan<Endpoint> a, ReadOnlySpan<Endpoint> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i])) return false;
        }

        return true;
    }

    private static int NextStamp(MatchScratch scratch)
    {
        if (++scratch.Stamp == int.MaxValue)
        {
            Array.Clear(scratch.Marks);
            scratch.Stamp = 1;
        }

        return scratch.Stamp;
    }

    // Every member of the group holds block `lo`; finds, for each, the deepest block in [lo, hi] it holds by probing
    // the middle block and splitting the group on it. Probes per group ≈ log₂(hi − lo) per distinct depth.
    private void Resolve(ReadOnlySpan<ulong> hashes, int lo, int hi, Span<int> candidates, Span<int> slots, Span<int> matchedBlocks, MatchScratch scratch)
    {
        while (!candidates.IsEmpty)
        {
            if (lo == hi)
            {
                foreach (var candidate in candidates) matchedBlocks[candidate] = lo + 1;
                return;
            }

            var mid = lo + ((hi - lo + 1) >> 1);
            var stamp = MarkHolders(hashes[mid], scratch);
            var holding = 0;
            if (stamp == EveryRootHolder)
            {
                holding = candidates.Length;
            }
            else if (stamp != 0)
            {
                var marks = scratch.Marks;
                for (var j = 0; j < candidates.Length; j++)
                {
                    if (marks[slots[j]] != stamp) continue;
                    (candidates[j], candidates[holding]) = (candidates[holding], candidates[j]);
                    (slots[j], slots[holding]) = (slots[holding], slots[j]);
                    holding++;
                }
            }

            Resolve(hashes, lo, mid - 1, candidates[holding..], slots[holding..], matchedBlocks, scratch);
            candidates = candidates[..holding];
            slots = slots[..holding];
            lo = mid;
        }
    }

    // Marks the holders of a block with a fresh stamp and returns it; 0 when nobody holds it, EveryRootHolder when
    // as many endpoints hold it as hold the root. Held blocks are prefix-closed, so those are the same endpoints and
    // the whole group holds it: a prompt shared by the whole pool (a system prompt) costs O(1) per probe.
    private int MarkHolders(ulong hash, MatchScratch scratch)
    {
        var shard = ShardOf(hash);
        lock (shard.Gate)
        {
            ref var holders = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Holders, hash);
            if (Unsafe.IsNullRef(ref holders)) return 0;
            if (holders.Count >= scratch.RootCount) return EveryRootHolder;
            var stamp = NextStamp(scratch);
            MarkAll(in holders, stamp, scratch.Marks);
            return stamp;
        }
    }

    private sealed class Shard
    {
        public Lock Gate { get; } = new();

        public Dictionary<ulong, BlockHolders> Holders { get; } = [];
    }

    // Per-thread buffers for Match, so a decision allocates nothing once they have grown.
    private sealed class MatchScratch
    {
        public Endpoint[] CachedCandidates = [];
        public int[] CachedSlots = [];
        public int CachedCount;
        public long CachedVersion = -1;
        public int[] GroupCandidates = new int[16];
        public int[] GroupSlots = new int[16];
        public int[] Marks = new int[16];
        public int Stamp;
        public int RootCount;
    }
}
