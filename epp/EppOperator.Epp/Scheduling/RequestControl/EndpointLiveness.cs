using System.Runtime.CompilerServices;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Scheduling.RequestControl;

/// <summary>
/// When each endpoint last answered a request (response headers arrived with a status below 500), as seen on the
/// request path. Evidence that a pod is alive independent of its metrics: a pod whose exporter is wedged but which
/// keeps serving must not be treated like a dead one. Entries go away with their endpoints.
/// </summary>
internal sealed class EndpointLiveness
{
    private readonly ConditionalWeakTable<Endpoint, StrongBox<long>> _lastAnswer = [];

    public void RecordAnswer(Endpoint endpoint, DateTimeOffset at)
    {
        var box = _lastAnswer.GetValue(endpoint, static _ => new StrongBox<long>());
        Volatile.Write(ref box.Value, at.UtcTicks);
    }

    /// <summary>How long ago the endpoint last answered; <see cref="TimeSpan.MaxValue"/> when it never did.</summary>
    public TimeSpan SinceLastAnswer(Endpoint endpoint, DateTimeOffset now) =>
        _lastAnswer.TryGetValue(endpoint, out var box) && Volatile.Read(ref box.Value) is var ticks and > 0
            ? TimeSpan.FromTicks(now.UtcTicks - ticks)
            : TimeSpan.MaxValue;
}
