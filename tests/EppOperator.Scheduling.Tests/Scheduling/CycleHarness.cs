using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Scheduling.Tests.Scheduling;

/// <summary>Runs single plugins against a real cycle over all given endpoints.</summary>
internal static class CycleHarness
{
    public static SchedulingCycle Cycle(Endpoint[] endpoints, InferenceRequest? request = null, Random? random = null, DateTimeOffset? now = null) =>
        SchedulingCycle.Rent(request ?? TestRequests.Completion(), endpoints, now ?? TestEndpoints.Now, random ?? new Random(1));

    public static double[] Score(IScorer scorer, Endpoint[] endpoints, InferenceRequest? request = null, Action<SchedulingCycle>? prepare = null)
    {
        var cycle = Cycle(endpoints, request);
        prepare?.Invoke(cycle);
        var selection = Enumerable.Range(0, endpoints.Length).ToArray();
        var scores = new double[endpoints.Length];
        scorer.Score(cycle, selection, scores);
        cycle.Return();
        return scores;
    }

    public static int[] Filter(IFilter filter, Endpoint[] endpoints, InferenceRequest? request = null, Random? random = null, DateTimeOffset? now = null)
    {
        var cycle = Cycle(endpoints, request, random, now);
        var selection = Enumerable.Range(0, endpoints.Length).ToArray();
        var kept = filter.Filter(cycle, selection);
        cycle.Return();
        return selection[..kept];
    }

    public static int[] Pick(IPicker picker, double[] totals, Random random)
    {
        var endpoints = TestEndpoints.Many(totals.Length);
        var cycle = Cycle(endpoints, random: random);
        var selection = Enumerable.Range(0, totals.Length).ToArray();
        var picked = new int[picker.MaxEndpoints];
        var count = picker.Pick(cycle, selection, totals, picked);
        cycle.Return();
        return picked[..count];
    }
}
