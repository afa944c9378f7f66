using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// The scheduler the request path holds: forwards to the current <see cref="PluginScheduler"/>, which a
/// configuration reload replaces with one atomic write. Streams keep going across a swap; each request's
/// lifecycle hooks go to the instance that scheduled it (<see cref="SchedulingRequestState.Owner"/>).
/// </summary>
internal sealed class ReloadableScheduler(PluginScheduler initial) : IScheduler, IRequestLifecycleHook
{
    private PluginScheduler _current = initial;

    public PluginScheduler Current => Volatile.Read(ref _current);

    public void Swap(PluginScheduler next) => Volatile.Write(ref _current, next);

    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates) => Current.Schedule(request, candidates);

    public void OnPicked(InferenceRequest request, SchedulingResult result) => OwnerOf(request).OnPicked(request, result);

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode) =>
        OwnerOf(request).OnResponseReceived(request, result, statusCode);

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed) =>
        OwnerOf(request).OnResponseComplete(request, result, usage, completed);

    private PluginScheduler OwnerOf(InferenceRequest request) =>
        (request.SchedulingState as SchedulingRequestState)?.Owner ?? Current;
}
