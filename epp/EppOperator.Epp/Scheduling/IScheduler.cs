using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Picks the endpoint for one request from its candidates. Runs on the request path: it must not block,
/// allocate per candidate, or lock; it reads endpoint metrics as published by the data layer.
/// </summary>
internal interface IScheduler
{
    SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates);
}
