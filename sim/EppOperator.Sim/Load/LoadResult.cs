using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Load;

/// <summary>What a load run measured at the client, plus which pod served how many requests
/// (from the simulator's <c>x-inference-pod</c> header).</summary>
internal sealed record LoadResult(PolicyResult Result, double[] SortedTtftMs, IReadOnlyDictionary<string, int> ServedBy);
