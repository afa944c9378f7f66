using System.Collections.Concurrent;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The series of one instrument, keyed by label set. Lookups of existing series are lock-free and allocation-free;
/// adding a series takes a lock. Past <see cref="MaxSeries"/> distinct label sets, new ones are folded into one
/// series whose label values are all <see cref="TagSet.OverflowValue"/>, so no input can grow memory without bound.
/// </summary>
internal sealed class SeriesTable<TSeries>(int maxSeries, Func<TSeries> factory)
    where TSeries : class
{
    // The alternate lookup is taken once: getting it re-checks the comparer's variant interface on every call.
    private readonly ConcurrentDictionary<TagSet, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup =
        new ConcurrentDictionary<TagSet, TSeries>(TagSetComparer.Instance).GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();

    private readonly Lock _addLock = new();

    public int MaxSeries { get; } = maxSeries;

    public int Count => Series.Count;

    /// <summary>Set once a label set has been folded into the overflow series.</summary>
    public bool Overflowed { get; private set; }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_lookup.TryGetValue(tags, out var existing)) return existing;

        lock (_addLock)
        {
            if (_lookup.TryGetValue(tags, out existing)) return existing;
            var overflow = Series.Count >= MaxSeries;
            Overflowed |= overflow;
            return Series.GetOrAdd(new TagSet(tags, overflow), _ => factory());
        }
    }

    private ConcurrentDictionary<TagSet, TSeries> Series => _lookup.Dictionary;

    /// <summary>The series ordered by label text, for deterministic exposition.</summary>
    public List<KeyValuePair<TagSet, TSeries>> Sorted()
    {
        var list = Series.ToList();
        list.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return list;
    }

    public void Clear() => Series.Clear();
}
