namespace EppOperator.Operator.Pools;

/// <summary>A pool's picker reference, the same for both API versions (v1alpha2's port defaults to 9002).</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Kind">Referent kind; only <c>Service</c> is supported.</param>
/// <param name="Name">Referent name.</param>
/// <param name="Port">The Service port, or null when unset (v1 requires it for a Service).</param>
/// <param name="FailureMode"><c>FailOpen</c> or <c>FailClose</c>.</param>
internal sealed record EppReference(string Group, string Kind, string Name, int? Port, string FailureMode)
{
    public bool IsCoreService => Group.Length == 0 && Kind == "Service";

    public bool FailOpen => FailureMode == Kube.Entities.Inference.InferenceFailureMode.FailOpen;
}
