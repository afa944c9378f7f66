using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// A proxy's least-request balancing: the endpoint with the fewest requests in flight from this proxy (counted by
/// <see cref="InFlightHook"/>), ties broken uniformly at random. It scans every endpoint rather than sampling two as
/// Envoy does, which makes it the stronger baseline.
/// </summary>
internal sealed class LeastRequestScheduler(Random random) : IScheduler
{
    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        if (candidates.IsEmpty) return SchedulingResult.Failed("no endpoints");
        Endpoint? best = null;
        var bestCount = long.MaxValue;
        var ties = 0;
        foreach (var endpoint in candidates)
        {
            var count = endpoint.InFlightRequests;
            if (count < bestCount)
            {
                (best, bestCount, ties) = (endpoint, count, 1);
            }
            else if (count == bestCount && random.Next(++ties) == 0)
            {
                // Reservoir sampling keeps each tied endpoint with probability 1/ties.
                best = endpoint;
            }
        }

        return SchedulingResult.Picked(best!);
    }
}
