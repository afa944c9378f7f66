using EppOperator.Sim.Bench;
using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Live;

/// <summary>One policy at one load of a live run: the EPP's overhead at the gateway (null without an EPP), who served, wall time.</summary>
internal sealed record LiveRunRecord(
    double Load,
    string Policy,
    ExtProcOverhead? ExtProcOverheadMs,
    SortedDictionary<string, int> ServedBy,
    double WallSeconds)
{
    /// <summary>Priority ≥ 0 and sheddable traffic apart, when some was marked sheddable (<see cref="LiveBenchOptions.Sheddable"/>).</summary>
    public IReadOnlyList<PriorityClassOutcome> Classes { get; init; } = [];
}
