namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Admission as configured: the saturation detector, and the flow-control options when the <c>flowControl</c>
/// feature gate is on (null: legacy admission).
/// </summary>
internal sealed record FlowControlSetup(ISaturationDetector Detector, FlowControlOptions? FlowControl);
