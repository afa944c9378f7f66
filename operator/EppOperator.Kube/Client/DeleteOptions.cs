namespace EppOperator.Kube.Client;

/// <summary>Body of a DELETE call.</summary>
internal sealed record DeleteOptions
{
    public PropagationPolicy? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this UID (guards against deleting a recreated object).</summary>
    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }
}
