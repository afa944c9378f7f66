using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Bench;

/// <summary>A policy's result on one run, its sorted TTFT samples (for the CDF chart), and how many requests of
/// the whole plan completed by when (for the capacity probe).</summary>
internal sealed record RunOutcome(PolicyResult Result, double[] SortedTtftMs, int Completed, double LastCompletionSeconds)
{
    /// <summary>Priority ≥ 0 and sheddable traffic apart, when the run assigned priorities (<see cref="BenchOptions.PriorityOf"/>).</summary>
    public IReadOnlyList<PriorityClassOutcome> Classes { get; init; } = [];
}
