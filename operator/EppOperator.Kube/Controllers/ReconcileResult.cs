namespace EppOperator.Kube.Controllers;

/// <summary>
/// Outcome of a reconcile: done, come back after a delay, or failed (retried with per-object exponential
/// backoff unless a retry delay is given). Throwing is also treated as a failure.
/// </summary>
internal readonly record struct ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter, string? error)
    {
        RequeueAfter = requeueAfter;
        Error = error;
    }

    public static ReconcileResult Done { get; } = new(null, null);

    public TimeSpan? RequeueAfter { get; }

    public string? Error { get; }

    public bool Failed => Error is not null;

    /// <summary>Success, but reconcile again after <paramref name="delay"/> (e.g. to poll something external).</summary>
    public static ReconcileResult Requeue(TimeSpan delay) => new(delay, null);

    /// <summary>A failure: retried after <paramref name="retryAfter"/>, or with backoff when null.</summary>
    public static ReconcileResult Fail(string error, TimeSpan? retryAfter = null) => new(retryAfter, error);
}
