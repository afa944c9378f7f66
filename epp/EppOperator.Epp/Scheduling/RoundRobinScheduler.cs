using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Picks candidates in turn, ignoring load: the stand-in until the scoring scheduler is configured, and the
/// baseline a Kubernetes Service would give.
/// </summary>
internal sealed class RoundRobinScheduler : IScheduler
{
    private long _next = -1;

    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        if (candidates.IsEmpty) return SchedulingResult.Failed("no candidate endpoints");
        var turn = (ulong)Interlocked.Increment(ref _next);
        return SchedulingResult.Picked(candidates[(int)(turn % (ulong)candidates.Length)]);
    }
}
