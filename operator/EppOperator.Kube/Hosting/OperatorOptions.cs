using EppOperator.Kube.Events;
using EppOperator.Kube.LeaderElection;

namespace EppOperator.Kube.Hosting;

/// <summary>Process-wide settings of a controller host.</summary>
internal sealed record OperatorOptions
{
    /// <summary>Lease and timings when several replicas run; null runs every controller unconditionally.</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    public EventRecorderOptions Events { get; init; } = new();
}
