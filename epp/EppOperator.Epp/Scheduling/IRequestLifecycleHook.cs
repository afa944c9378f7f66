using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Request-control extension points around a pick: prefix-index updates and in-flight accounting live here.
/// The request path calls <see cref="OnResponseComplete"/> exactly once for every request that reached
/// <see cref="OnPicked"/>, also when the client goes away or the exchange fails.
/// </summary>
internal interface IRequestLifecycleHook
{
    /// <summary>After a successful pick, before the headers reply is written (the reference's PreRequest).</summary>
    void OnPicked(InferenceRequest request, SchedulingResult result);

    /// <summary>When the response headers arrive from the model server.</summary>
    void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode);

    /// <summary>When the response ended (or the exchange was abandoned: <paramref name="completed"/> is false).</summary>
    void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed);
}
