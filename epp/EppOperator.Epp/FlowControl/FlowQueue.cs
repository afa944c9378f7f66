namespace EppOperator.Epp.FlowControl;

/// <summary>
/// The waiting requests of one flow (one <c>x-gateway-inference-fairness-id</c>) in one priority band, in the band's
/// order. Exists only while it holds requests, so made-up fairness ids cannot accumulate state.
/// </summary>
internal sealed class FlowQueue(PriorityBand band, string fairnessId)
{
    private readonly IndexedHeap<FlowItem> _items = new(CompareItems, static i => i.OrderIndex, static (i, x) => i.OrderIndex = x);

    public PriorityBand Band { get; } = band;

    public string FairnessId { get; } = fairnessId;

    public int Count => _items.Count;

    public FlowItem? Head => _items.Peek();

    /// <summary>Position in <see cref="GlobalStrictFairnessPolicy"/>'s heap.</summary>
    internal int FairnessIndex { get; set; } = -1;

    /// <summary>Place in <see cref="RoundRobinFairnessPolicy"/>'s ring.</summary>
    internal LinkedListNode<FlowQueue>? FairnessNode { get; set; }

    /// <summary>Lower order key first, then earlier arrival.</summary>
    public static int CompareItems(FlowItem a, FlowItem b)
    {
        var byKey = a.OrderKey.CompareTo(b.OrderKey);
        return byKey != 0 ? byKey : a.Sequence.CompareTo(b.Sequence);
    }

    /// <summary>Adds the item; true when it became the head.</summary>
    public bool Add(FlowItem item)
    {
        item.Flow = this;
        _items.Add(item);
        return ReferenceEquals(_items.Peek(), item);
    }

    /// <summary>Removes the item; true when it was the head.</summary>
    public bool Remove(FlowItem item)
    {
        var wasHead = ReferenceEquals(_items.Peek(), item);
        if (!_items.Remove(item)) throw new InvalidOperationException($"{item} is not in flow '{FairnessId}'");
        item.Flow = null;
        return wasHead;
    }
}
