using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>What a Kubernetes Service (IPVS round-robin) or a plain proxy does: the next endpoint in turn.</summary>
internal sealed class RoundRobinScheduler : IScheduler
{
    private int _next;

    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        if (candidates.IsEmpty) return SchedulingResult.Failed("no endpoints");
        var pick = candidates[_next % candidates.Length];
        _next = (_next + 1) % candidates.Length;
        return SchedulingResult.Picked(pick);
    }
}
