using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Load;

/// <summary>
/// Which users of a workload send sheddable traffic, and the InferenceObjective that says so: the load generator
/// puts <c>x-gateway-inference-objective: <see cref="Objective"/></c> on their requests, and reports them apart from
/// the rest (<see cref="Bench.PriorityClassOutcome"/>). The first <see cref="Share"/> of every group's users are
/// sheddable, so the marking does not depend on the policy or the arrivals: every policy sees the same classes.
/// </summary>
internal sealed record SheddableTraffic(string Objective, double Share)
{
    /// <summary>The objective name the live bench gives sheddable traffic (priority −1 in the EPP's manifest).</summary>
    public const string DefaultObjective = "sheddable";

    /// <summary>Whether <paramref name="request"/>'s user is one of the sheddable ones.</summary>
    public bool Includes(PlannedRequest request, WorkloadDefinition workload) =>
        request.User < SheddableUsers(workload.UsersPerGroup);

    /// <summary>How many of each group's <paramref name="usersPerGroup"/> users are sheddable.</summary>
    public int SheddableUsers(int usersPerGroup) => (int)Math.Round(Share * usersPerGroup, MidpointRounding.AwayFromZero);
}
