namespace EppOperator.Epp.Requests;

/// <summary>
/// An InferenceObjective as the request path uses it: requests naming it in
/// <c>x-gateway-inference-objective</c> get its priority (unset means 0; negative means sheddable).
/// </summary>
internal sealed record InferenceObjective(string Namespace, string Name, int? Priority)
{
    /// <summary>The InferencePool named by <c>spec.poolRef</c>; empty when the manifest names none.</summary>
    public string PoolName { get; init; } = "";
}
