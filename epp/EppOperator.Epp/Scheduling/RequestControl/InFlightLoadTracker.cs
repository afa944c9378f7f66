using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling.RequestControl;

/// <summary>
/// <c>inflight-load-producer</c>: counts each request and its estimated tokens on the picked endpoint from the pick
/// until its response completes (or is abandoned), so load scorers see picks the last scrape has not. Estimate as
/// the reference: in + round(1.5·in) tokens, in = prompt bytes ÷ 4 (at least 1). Also notes in
/// <see cref="Liveness"/> when an endpoint answers, for the stale-metrics filter.
/// </summary>
internal sealed class InFlightLoadTracker(string name, EndpointLiveness liveness, TimeProvider time) : SchedulingPlugin(name), IRequestLifecycleHook
{
    public const string TypeName = "inflight-load-producer";

    public override string Type => TypeName;

    public EndpointLiveness Liveness { get; } = liveness;

    public static long EstimateTokens(InferenceRequest request)
    {
        long input = request.EstimatedInputTokens;
        return input + (long)Math.Round(1.5 * input, MidpointRounding.AwayFromZero);
    }

    public void OnPicked(InferenceRequest request, SchedulingResult result)
    {
        if (result.Primary is null || request.SchedulingState is not SchedulingRequestState state) return;
        state.TryAddInFlight(result.Primary, EstimateTokens(request));
    }

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode)
    {
        // Headers from the server prove it is up, even a 429; a 5xx may be the proxy answering for a dead pod.
        if (statusCode is > 0 and < 500 && result.Primary is { } endpoint) Liveness.RecordAnswer(endpoint, time.GetUtcNow());
    }

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed) =>
        (request.SchedulingState as SchedulingRequestState)?.TryRemoveInFlight();
}
