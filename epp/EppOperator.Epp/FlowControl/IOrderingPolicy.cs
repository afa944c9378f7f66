namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Orders the requests of one flow (and, under <c>global-strict-fairness-policy</c>, the heads of a band's flows):
/// lower <see cref="OrderKey"/> first, ties in arrival order. The key is computed once, at enqueue.
/// </summary>
internal interface IOrderingPolicy
{
    long OrderKey(FlowItem item);
}
