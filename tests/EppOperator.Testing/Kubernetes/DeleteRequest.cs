namespace EppOperator.Testing.Kubernetes;

/// <summary>Options of a DELETE (body DeleteOptions or query parameters).</summary>
internal sealed record DeleteRequest(string? PropagationPolicy, long? GracePeriodSeconds, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun = false);
