using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>Counts requests in flight per endpoint, from pick to response completion (what a proxy knows).</summary>
internal sealed class InFlightHook : IRequestLifecycleHook
{
    public void OnPicked(InferenceRequest request, SchedulingResult result) =>
        result.Primary?.AddInFlight(request.EstimatedInputTokens);

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode)
    {
    }

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed) =>
        result.Primary?.RemoveInFlight(request.EstimatedInputTokens);
}
