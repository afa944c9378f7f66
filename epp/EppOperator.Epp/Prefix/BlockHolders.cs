namespace EppOperator.Epp.Prefix;

/// <summary>
/// The endpoint slots that hold one block, stored inline for the common single-holder case and spilling into a
/// small array when a block is shared (a system prompt cached everywhere). Mutated in place inside its shard's
/// dictionary, always under the shard's lock.
/// </summary>
internal struct BlockHolders
{
    private int _first;
    private int[]? _others;

    public int Count { get; private set; }

    public readonly int this[int index] => index == 0 ? _first : _others![index - 1];

    public void Add(int slot)
    {
        if (Count == 0)
        {
            _first = slot;
        }
        else
        {
            _others ??= new int[2];
            if (Count - 1 == _others.Length) Array.Resize(ref _others, _others.Length * 2);
            _others[Count - 1] = slot;
        }

        Count++;
    }

    /// <summary>Removes <paramref name="slot"/> (order is not kept); false when it was not a holder.</summary>
    public bool Remove(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (this[i] != slot) continue;
            var last = this[Count - 1];
            if (i == 0) _first = last;
            else _others![i - 1] = last;
            Count--;
            if (Count <= 1) _others = null;
            return true;
        }

        return false;
    }
}
