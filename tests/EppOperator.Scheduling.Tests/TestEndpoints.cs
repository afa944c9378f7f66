using System.Collections.Immutable;
using System.Net;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Scheduling.Tests;

/// <summary>Endpoints laid out as the reference's integration harness does: pod i is 192.168.1.(i+1):8000.</summary>
internal static class TestEndpoints
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Endpoint Create(int index, int queue = 0, double kv = 0, params string[] activeModels) =>
        Create(index, new EndpointMetrics
        {
            WaitingQueueSize = queue,
            KvCacheUsage = kv,
            ActiveModels = [.. activeModels],
            UpdatedAt = Now,
        });

    public static Endpoint Create(int index, EndpointMetrics metrics, ImmutableDictionary<string, string>? labels = null)
    {
        var spec = new EndpointSpec($"pod-{index}-rank-0", IPAddress.Parse($"192.168.1.{index + 1}"), 8000)
        {
            PodName = $"pod-{index}",
            Labels = labels ?? ImmutableDictionary<string, string>.Empty,
        };
        return new Endpoint(spec) { Metrics = metrics };
    }

    public static Endpoint[] Many(int count) => [.. Enumerable.Range(0, count).Select(i => Create(i))];
}
