using System.Collections.Immutable;
using System.Net;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Desired state of one endpoint, from the static <c>--endpoints</c> list or from a Ready pod and one of the
/// pool's target ports. Specs with the same <see cref="Name"/> describe the same endpoint.
/// </summary>
internal sealed record EndpointSpec(string Name, IPAddress Address, int Port)
{
    /// <summary>Port serving <c>/metrics</c>; the serving port unless the pool says otherwise.</summary>
    public int MetricsPort { get; init; } = Port;

    /// <summary>Engine whose metric names to scrape: vllm (default), sglang, trtllm-serve, triton-tensorrt-llm.</summary>
    public string EngineType { get; init; } = EngineMetricMappings.Vllm;

    public string PodName { get; init; } = Name;

    public string Namespace { get; init; } = "";

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool Equals(EndpointSpec? other) =>
        other is not null
        && Name == other.Name
        && Address.Equals(other.Address)
        && Port == other.Port
        && MetricsPort == other.MetricsPort
        && EngineType == other.EngineType
        && PodName == other.PodName
        && Namespace == other.Namespace
        && Labels.Count == other.Labels.Count
        && Labels.All(kv => other.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Address, Port, MetricsPort, EngineType);
}
