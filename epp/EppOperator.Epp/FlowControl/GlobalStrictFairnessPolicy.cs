namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>global-strict-fairness-policy</c> (the default): no fairness between flows; the band behaves as one queue in
/// the ordering policy's order (with FCFS, strict arrival order across flows). A heap of the flows keyed by their
/// head keeps the pick O(log flows).
/// </summary>
internal sealed class GlobalStrictFairnessPolicy : IFairnessPolicy
{
    public const string TypeName = "global-strict-fairness-policy";

    private readonly IndexedHeap<FlowQueue> _flows = new(
        static (a, b) => FlowQueue.CompareItems(a.Head!, b.Head!),
        static f => f.FairnessIndex,
        static (f, i) => f.FairnessIndex = i);

    public void Activate(FlowQueue flow) => _flows.Add(flow);

    public void HeadChanged(FlowQueue flow) => _flows.Update(flow);

    public void Deactivate(FlowQueue flow) => _flows.Remove(flow);

    public FlowQueue? Pick() => _flows.Peek();
}
