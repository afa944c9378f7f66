namespace EppOperator.Epp.FlowControl;

/// <summary>
/// A binary min-heap whose elements remember their own position (through <paramref name="getIndex"/> and
/// <paramref name="setIndex"/>), so any element can be removed or re-positioned in O(log n): what queues need when a
/// request in the middle is cancelled or times out. Index −1 means "not in this heap". Not thread-safe.
/// </summary>
internal sealed class IndexedHeap<T>(Comparison<T> compare, Func<T, int> getIndex, Action<T, int> setIndex)
    where T : class
{
    private T[] _items = new T[4];

    public int Count { get; private set; }

    public T? Peek() => Count == 0 ? null : _items[0];

    public bool Contains(T item)
    {
        var index = getIndex(item);
        return index >= 0 && index < Count && ReferenceEquals(_items[index], item);
    }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count] = item;
        setIndex(item, Count);
        Count++;
        SiftUp(Count - 1);
    }

    public bool Remove(T item)
    {
        if (!Contains(item)) return false;
        var index = getIndex(item);
        Count--;
        if (index != Count)
        {
            _items[index] = _items[Count];
            setIndex(_items[index], index);
            _items[Count] = null!;
            Reposition(index);
        }
        else
        {
            _items[Count] = null!;
        }

        setIndex(item, -1);

        // Shrink after a burst so a queue that once held many requests does not keep the array forever.
        if (_items.Length > 64 && Count < _items.Length / 4) Array.Resize(ref _items, _items.Length / 2);
        return true;
    }

    /// <summary>Restores the heap order after <paramref name="item"/>'s key changed.</summary>
    public void Update(T item)
    {
        if (Contains(item)) Reposition(getIndex(item));
    }

    private void Reposition(int index)
    {
        if (index > 0 && compare(_items[index], _items[(index - 1) / 2]) < 0) SiftUp(index);
        else SiftDown(index);
    }

    private void SiftUp(int index)
    {
        var item = _items[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (compare(item, _items[parent]) >= 0) break;
            _items[index] = _items[parent];
            setIndex(_items[index], index);
            index = parent;
        }

        _items[index] = item;
        setIndex(item, index);
    }

    private void SiftDown(int index)
    {
        var item = _items[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= Count) break;
            if (child + 1 < Count && compare(_items[child + 1], _items[child]) < 0) child++;
            if (compare(_items[child], item) >= 0) break;
            _items[index] = _items[child];
            setIndex(_items[index], index);
            index = child;
        }

        _items[index] = item;
        setIndex(item, index);
    }
}
