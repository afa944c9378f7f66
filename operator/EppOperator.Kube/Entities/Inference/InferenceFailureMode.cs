namespace EppOperator.Kube.Entities.Inference;

/// <summary>Values of <c>failureMode</c> in both pool versions; unset means <see cref="FailClose"/>.</summary>
internal static class InferenceFailureMode
{
    /// <summary>The gateway forwards to an endpoint of its own choosing when the picker fails.</summary>
    public const string FailOpen = "FailOpen";

    /// <summary>The gateway drops the request when the picker fails.</summary>
    public const string FailClose = "FailClose";
}
