namespace EppOperator.Epp.Requests;

/// <summary>
/// A legacy InferenceModel as the request path uses it: requests whose body names <see cref="ModelName"/> get
/// <see cref="Priority"/> (from its criticality, see <see cref="InferenceModelCriticality"/>) unless their
/// <c>x-gateway-inference-objective</c> header names a known InferenceObjective.
/// </summary>
internal sealed record InferenceModelPriority(string Namespace, string Name, string ModelName, int Priority)
{
    /// <summary>Orders objects claiming the same model name: the oldest wins, as the reference.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
