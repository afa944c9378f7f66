using System.Collections.Immutable;
using EppOperator.Kube.Entities.Inference;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// What the EPP needs from an InferencePool of either version: the pod selector (equality terms) and the
/// target ports, in order (an endpoint's rank is its port's index).
/// </summary>
internal sealed record EndpointPoolSpec(string Namespace, ImmutableDictionary<string, string> Selector, ImmutableArray<int> TargetPorts)
{
    public static EndpointPoolSpec From(V1InferencePool pool) => new(
        pool.Metadata.Namespace ?? "",
        pool.Spec.Selector.MatchLabels.ToImmutableDictionary(StringComparer.Ordinal),
        [.. pool.Spec.TargetPorts.Select(p => p.Number)]);

    public static EndpointPoolSpec From(V1Alpha2InferencePool pool) => new(
        pool.Metadata.Namespace ?? "",
        pool.Spec.Selector.ToImmutableDictionary(StringComparer.Ordinal),
        [pool.Spec.TargetPortNumber]);

    /// <summary>An empty selector matches nothing: a pool must say which pods it owns.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        Selector.Count > 0 && labels is not null && Selector.All(term => labels.TryGetValue(term.Key, out var value) && value == term.Value);

    public override string ToString() =>
        $"selector {string.Join(",", Selector.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}, target ports {string.Join(",", TargetPorts)}";

    public bool SameSelection(EndpointPoolSpec other) =>
        Namespace == other.Namespace
        && TargetPorts.SequenceEqual(other.TargetPorts)
        && Selector.Count == other.Selector.Count
        && Selector.All(term => other.Selector.TryGetValue(term.Key, out var value) && value == term.Value);
}
