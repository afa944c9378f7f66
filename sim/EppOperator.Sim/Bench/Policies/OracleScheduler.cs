using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The upper bound: reads every engine's true state at the moment of the pick (exact cached prefix, queued prefill
/// work, remaining output of running sequences, the step in flight; no scrape delay) and picks the lowest expected
/// time to first token (<see cref="Engine.SimulatedEngine.EstimateTimeToFirstToken"/>), ties broken at random. No
/// real router can see this much; the gap between it and a policy is the routing quality still on the table.
/// </summary>
internal sealed class OracleScheduler(PolicyEnvironment environment) : IScheduler
{
    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        if (candidates.IsEmpty) return SchedulingResult.Failed("no endpoints");
        var engineRequest = environment.EngineRequestOf(request);
        return SchedulingResult.Picked(LowestPick.Pick(
            candidates, e => environment.EngineOf(e).EstimateTimeToFirstToken(engineRequest), environment.Random));
    }
}
