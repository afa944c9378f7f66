namespace EppOperator.Kube.LeaderElection;

/// <summary>Whether this process leads, and a way to do work only while it does.</summary>
internal interface ILeaderElector
{
    string Identity { get; }

    bool IsLeader { get; }

    /// <summary>The holder this candidate last observed (itself when leading); null before the first read.</summary>
    string? ObservedLeader { get; }

    /// <summary>
    /// Completes once this process leads. The returned token is cancelled the moment leadership ends
    /// (renewal missed its deadline, or shutdown), so work started under it stops at once.
    /// </summary>
    Task<CancellationToken> WaitForLeadershipAsync(CancellationToken cancellationToken);
}
