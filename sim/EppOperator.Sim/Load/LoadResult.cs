using EppOperator.Sim.Bench;
using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Load;

/// <summary>What a load run measured at the client, which pod served how many requests (from the simulator's
/// <c>x-inference-pod</c> header), and, when some traffic was marked sheddable, each priority class apart
/// (<see cref="PriorityClassOutcome.PriorityClass"/> then <see cref="PriorityClassOutcome.SheddableClass"/>).</summary>
internal sealed record LoadResult(PolicyResult Result, double[] SortedTtftMs, IReadOnlyDictionary<string, int> ServedBy)
{
    public IReadOnlyList<PriorityClassOutcome> Classes { get; init; } = [];
}
