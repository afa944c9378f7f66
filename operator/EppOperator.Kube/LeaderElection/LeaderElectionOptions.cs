namespace EppOperator.Kube.LeaderElection;

/// <summary>
/// A Lease-based election: lease 15 s, renew deadline 10 s, retry 2 s by default (controller-runtime,
/// KubeOps and client-go agree). client-go requires lease &gt; renew deadline &gt; 1.2 × retry period.
/// </summary>
internal sealed record LeaderElectionOptions
{
    public required string LeaseName { get; init; }

    public required string Namespace { get; init; }

    /// <summary>This candidate's identity; unique per process (host name plus a random suffix by default).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long other candidates wait after the last observed renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that cannot renew within this long steps down (before anyone else may take over).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between acquire attempts and between renewals.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful shutdown, clear the holder so a successor need not wait out the lease.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <exception cref="ArgumentException">The timings break lease &gt; renew deadline &gt; 1.2 × retry period.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(LeaseName)) throw new ArgumentException("leader election needs a lease name");
        if (string.IsNullOrEmpty(Identity)) throw new ArgumentException("leader election needs an identity");
        if (RetryPeriod <= TimeSpan.Zero) throw new ArgumentException("the retry period must be positive");
        if (LeaseDuration <= RenewDeadline) throw new ArgumentException($"the lease duration ({LeaseDuration}) must exceed the renew deadline ({RenewDeadline})");
        if (RenewDeadline <= RetryPeriod * 1.2) throw new ArgumentException($"the renew deadline ({RenewDeadline}) must exceed 1.2 x the retry period ({RetryPeriod})");
    }
}
