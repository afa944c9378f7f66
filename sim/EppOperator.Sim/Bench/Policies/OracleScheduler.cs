using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The reference point for routing quality: reads every engine's true state at the moment of the pick (exact cached
/// prefix, queued prefill work, remaining output of running sequences, the step in flight; no scrape delay) and
/// picks the lowest expected time to first token (<see cref="SimulatedEngine.EstimateTimeToFirstToken"/>) plus the
/// prefill a cache miss adds, which delays every request queued behind it on that pod; ties broken at random.
/// Without that second term the pick is greedy per request and, once queues are long, spreads cache-cold work until
/// the whole fleet thrashes. No real router can see this much state.
/// </summary>
internal sealed class OracleScheduler(PolicyEnvironment environment) : IScheduler
{
    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        if (candidates.IsEmpty) return SchedulingResult.Failed("no endpoints");
        var engineRequest = environment.EngineRequestOf(request);
        return SchedulingResult.Picked(LowestPick.Pick(candidates, e => Cost(environment.EngineOf(e), engineRequest), environment.Random));
    }

    private static double Cost(SimulatedEngine engine, EngineRequest request)
    {
        var uncached = request.PromptTokens - engine.PeekCachedTokens(request);
        return engine.EstimateTimeToFirstToken(request).TotalMilliseconds + uncached * engine.Profile.PrefillMsPerToken;
    }
}
