using System.Collections.Immutable;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// The metric names one model-server engine reports its load under. Each field lists alternatives in order of
/// preference (the first one present in a scrape wins, which is how vLLM's renamed KV-cache gauge falls back to
/// the old name); an empty list disables the field.
/// </summary>
internal sealed record EngineMetricMapping(string Engine)
{
    public ImmutableArray<MetricField> QueuedRequests { get; init; } = [];

    public ImmutableArray<MetricField> RunningRequests { get; init; } = [];

    public ImmutableArray<MetricField> KvCacheUsage { get; init; } = [];

    /// <summary>
    /// The LoRA info series (labels <c>running_lora_adapters</c>, <c>waiting_lora_adapters</c>, <c>max_lora</c>);
    /// among several, the one with the largest value (its creation time) wins.
    /// </summary>
    public ImmutableArray<MetricField> LoraInfo { get; init; } = [];

    public ImmutableArray<MetricField> CacheBlockSize { get; init; } = [];

    public ImmutableArray<MetricField> CacheNumBlocks { get; init; } = [];

    public bool Equals(EngineMetricMapping? other) =>
        other is not null && Engine == other.Engine
        && QueuedRequests.SequenceEqual(other.QueuedRequests) && RunningRequests.SequenceEqual(other.RunningRequests)
        && KvCacheUsage.SequenceEqual(other.KvCacheUsage) && LoraInfo.SequenceEqual(other.LoraInfo)
        && CacheBlockSize.SequenceEqual(other.CacheBlockSize) && CacheNumBlocks.SequenceEqual(other.CacheNumBlocks);

    public override int GetHashCode() => Engine.GetHashCode(StringComparison.Ordinal);
}
