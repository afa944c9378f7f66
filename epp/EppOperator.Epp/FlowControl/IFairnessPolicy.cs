namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Chooses which flow of a band dispatches next. One instance per band; the band tells it when a flow becomes
/// non-empty, when its head request changes and when it empties. Called under the controller's lock.
/// </summary>
internal interface IFairnessPolicy
{
    void Activate(FlowQueue flow);

    void HeadChanged(FlowQueue flow);

    void Deactivate(FlowQueue flow);

    /// <summary>The flow whose head is dispatched next; called only when one will be.</summary>
    FlowQueue? Pick();
}
