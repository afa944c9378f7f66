using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>
/// <c>flowControl</c>: global and per-priority admission limits. Parsed and validated here; the flow-control
/// component applies it (only with the <c>flowControl</c> feature gate, as the reference).
/// </summary>
internal sealed record FlowControlConfig
{
    public long? MaxBytes { get; init; }

    public long? MaxRequests { get; init; }

    /// <summary>Queue time limit for requests without a deadline; null or zero means unbounded.</summary>
    public TimeSpan? DefaultRequestTtl { get; init; }

    public PriorityBandConfig? DefaultPriorityBand { get; init; }

    public ImmutableArray<PriorityBandConfig> PriorityBands { get; init; } = [];

    public string? UsageLimitPolicyPluginRef { get; init; }

    public ConfigMark Mark { get; init; }
}
