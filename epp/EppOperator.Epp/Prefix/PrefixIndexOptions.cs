namespace EppOperator.Epp.Prefix;

/// <summary>Sizing of a <see cref="PrefixIndex"/>.</summary>
internal sealed record PrefixIndexOptions
{
    /// <summary>The reference's <c>lruCapacityPerServer</c>: ~500K tokens of an H100 80GB in 16-token blocks.</summary>
    public const int DefaultCapacityPerEndpoint = 31_250;

    /// <summary>
    /// Total (block, endpoint) entries across all endpoints: 90 MiB when full (the <c>prefixindex</c> benchmark measures
    /// 89.9 B per entry). Enough for 33 endpoints at the per-endpoint default; larger pools share it evenly.
    /// </summary>
    public const long DefaultMaxTotalBlocks = 1L << 20;

    /// <summary>Blocks kept per endpoint unless auto-tune reads the server's own KV capacity.</summary>
    public int CapacityPerEndpoint { get; init; } = DefaultCapacityPerEndpoint;

    /// <summary>Use <c>num_gpu_blocks</c> (<see cref="Datalayer.EndpointMetrics.CacheNumBlocks"/>) when reported.</summary>
    public bool AutoTuneCapacity { get; init; } = true;

    /// <summary>Bound on the index's memory, whatever the number of endpoints (the reference has none).</summary>
    public long MaxTotalBlocks { get; init; } = DefaultMaxTotalBlocks;
}
