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
    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates) =>
        candidates.IsEmpty
            ? SchedulingResult.Failed("no endpoints")
            : SchedulingResult.Picked(LowestPick.Pick(candidates, static e => e.InFlightRequests, random));
}
