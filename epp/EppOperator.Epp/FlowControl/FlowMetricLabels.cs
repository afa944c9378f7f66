namespace EppOperator.Epp.FlowControl;

/// <summary>
/// The label values a queued request is counted under, fixed at enqueue (already bounded by the cardinality
/// limiters) so the gauges are decremented under exactly the labels they were incremented with.
/// </summary>
internal sealed record FlowMetricLabels(string FairnessId, string Priority, string ModelName, string TargetModelName);
