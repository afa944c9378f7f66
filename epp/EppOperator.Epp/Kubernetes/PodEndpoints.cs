using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Kube.Entities.Core;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// Maps a pod to its endpoints, as GAIE's datastore does: a pod counts only when its Ready condition is
/// True and it is not terminating; it yields one endpoint per pool target port, named
/// <c>&lt;pod&gt;-rank-&lt;index&gt;</c>; the <c>inference.networking.k8s.io/active-ports</c> annotation (a
/// comma-separated list) narrows the ports; the engine comes from the
/// <c>inference.networking.k8s.io/engine-type</c> label.
/// </summary>
internal static class PodEndpoints
{
    public const string ActivePortsAnnotation = "inference.networking.k8s.io/active-ports";
    public const string EngineTypeLabel = "inference.networking.k8s.io/engine-type";

    public static bool IsReady(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string EndpointName(string podName, int rank) => $"{podName}-rank-{rank.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The endpoints a pod contributes to the pool; empty when it is not a usable member.</summary>
    /// <param name="pod">The pod.</param>
    /// <param name="pool">The pool's selection.</param>
    /// <param name="metricsPortOverride">Metrics port when the pool has one target port; 0 to scrape the target port.</param>
    /// <param name="defaultEngine">Engine of pods without the engine-type label.</param>
    public static IReadOnlyList<EndpointSpec> For(Pod pod, EndpointPoolSpec pool, int metricsPortOverride, string defaultEngine = EngineMetricMappings.Vllm)
    {
        if (!IsReady(pod) || !pool.Matches(pod.Metadata.Labels)) return [];
        if (!IPAddress.TryParse(pod.Status?.PodIP, out var address)) return [];
        var active = ActivePorts(pod, pool.TargetPorts);
        var labels = pod.Metadata.Labels?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty;
        var engine = labels.TryGetValue(EngineTypeLabel, out var e) && e.Length > 0 ? e : defaultEngine;
        var metricsPort = pool.TargetPorts.Length == 1 ? metricsPortOverride : 0;
        var endpoints = new List<EndpointSpec>(pool.TargetPorts.Length);
        for (var rank = 0; rank < pool.TargetPorts.Length; rank++)
        {
            var port = pool.TargetPorts[rank];
            if (!active.Contains(port)) continue;
            endpoints.Add(new EndpointSpec(EndpointName(pod.Metadata.Name!, rank), address, port)
            {
                MetricsPort = metricsPort > 0 ? metricsPort : port,
                EngineType = engine,
                PodName = pod.Metadata.Name!,
                Namespace = pod.Metadata.Namespace ?? "",
                Labels = labels,
            });
        }

        return endpoints;
    }

    /// <summary>
    /// The target ports the annotation allows (all of them when it is absent); entries that are not
    /// numbers, or not target ports, are ignored.
    /// </summary>
    public static IReadOnlySet<int> ActivePorts(Pod pod, ImmutableArray<int> targetPorts)
    {
        if (pod.Metadata.Annotations?.TryGetValue(ActivePortsAnnotation, out var text) != true) return targetPorts.ToHashSet();
        var active = new HashSet<int>();
        foreach (var part in text!.Split(','))
        {
            if (int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port > 0 && targetPorts.Contains(port))
            {
                active.Add(port);
            }
        }

        return active;
    }
}
