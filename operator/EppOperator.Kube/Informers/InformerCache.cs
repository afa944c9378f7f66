namespace EppOperator.Kube.Informers;

/// <summary>
/// The informer's local copy of every watched object, with optional secondary indexes (for example pods
/// by node, routes by referenced pool). Reads and writes share one lock; the objects themselves are the
/// deserialised watch payloads and must be treated as read-only by callers.
/// </summary>
internal sealed class InformerCache<T>
    where T : class, IKubernetesObject
{
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<NamespacedName>>> _indexes = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an index; existing items are indexed at once.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        lock (_lock)
        {
            _indexers[name] = indexer;
            var index = new Dictionary<string, HashSet<NamespacedName>>(StringComparer.Ordinal);
            _indexes[name] = index;
            foreach (var (key, item) in _items) AddToIndex(index, indexer, key, item);
        }
    }

    public T? Get(NamespacedName key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public T? Get(string? ns, string name) => Get(new NamespacedName(ns ?? "", name));

    public IReadOnlyList<T> List(string? ns = null)
    {
        lock (_lock)
        {
            return _items.Where(p => ns is null || p.Key.Namespace == ns).Select(p => p.Value).ToList();
        }
    }

    public IReadOnlyList<NamespacedName> Keys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index)) throw new ArgumentException($"no index named '{indexName}'", nameof(indexName));
            return index.TryGetValue(value, out var keys) ? keys.Select(k => _items[k]).ToList() : [];
        }
    }

    internal T? Set(NamespacedName key, T item)
    {
        lock (_lock)
        {
            var old = RemoveLocked(key);
            _items[key] = item;
            foreach (var (name, indexer) in _indexers) AddToIndex(_indexes[name], indexer, key, item);
            return old;
        }
    }

    internal T? Remove(NamespacedName key)
    {
        lock (_lock)
        {
            return RemoveLocked(key);
        }
    }

    internal Dictionary<NamespacedName, T> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<NamespacedName, T>(_items);
        }
    }

    private T? RemoveLocked(NamespacedName key)
    {
        if (!_items.Remove(key, out var old)) return null;
        foreach (var (name, indexer) in _indexers)
        {
            foreach (var value in indexer(old))
            {
                if (_indexes[name].TryGetValue(value, out var keys))
                {
                    keys.Remove(key);
                    if (keys.Count == 0) _indexes[name].Remove(value);
                }
            }
        }

        return old;
    }

    private static void AddToIndex(Dictionary<string, HashSet<NamespacedName>> index, Func<T, IEnumerable<string>> indexer, NamespacedName key, T item)
    {
        foreach (var value in indexer(item))
        {
            if (!index.TryGetValue(value, out var keys))
            {
                keys = [];
                index[value] = keys;
            }

            keys.Add(key);
        }
    }
}
