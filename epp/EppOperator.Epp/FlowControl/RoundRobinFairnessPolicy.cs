namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>round-robin-fairness-policy</c>: the band's non-empty flows take turns, one request each, in the order they
/// became non-empty. A flow that floods the queue delays another flow's next request by at most one dispatch per
/// other waiting flow.
/// </summary>
internal sealed class RoundRobinFairnessPolicy : IFairnessPolicy
{
    public const string TypeName = "round-robin-fairness-policy";

    private readonly LinkedList<FlowQueue> _ring = new();

    public void Activate(FlowQueue flow) => flow.FairnessNode = _ring.AddLast(flow);

    public void HeadChanged(FlowQueue flow)
    {
    }

    public void Deactivate(FlowQueue flow)
    {
        if (flow.FairnessNode is { } node) _ring.Remove(node);
        flow.FairnessNode = null;
    }

    public FlowQueue? Pick()
    {
        var node = _ring.First;
        if (node is null) return null;

        // The turn passes on now: the flow goes to the back whether or not it still has requests after this one.
        _ring.RemoveFirst();
        _ring.AddLast(node);
        return node.Value;
    }
}
