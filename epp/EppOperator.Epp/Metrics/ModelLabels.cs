namespace EppOperator.Epp.Metrics;

/// <summary>
/// A request's <c>model_name</c> and <c>target_model_name</c> label values, already bounded by the cardinality
/// limiters: taken once per request (<see cref="RequestMetrics.Labels"/>) and reused by every later measurement of
/// it, so the limiters are not consulted again at first token and completion.
/// </summary>
internal readonly record struct ModelLabels(string Model, string TargetModel);
