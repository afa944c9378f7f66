using EppOperator.Epp.Prefix;

namespace EppOperator.Epp.Scheduling.RequestControl;

/// <summary>Parameters of the approximate prefix producer (and of <c>prefix-cache-scorer</c>, which creates it).</summary>
internal sealed record PrefixCacheParameters
{
    public const int DefaultBlockSizeTokens = 16;
    public const int DefaultMaxPrefixBlocksToMatch = 256;

    /// <summary>Take the block size from the server's <c>cache_config_info</c> and the LRU size from <c>num_gpu_blocks</c>.</summary>
    public bool AutoTune { get; init; } = true;

    /// <summary>Tokens per block; a block is 4 bytes per token of the prompt's raw text.</summary>
    public int BlockSizeTokens { get; init; } = DefaultBlockSizeTokens;

    public int MaxPrefixBlocksToMatch { get; init; } = DefaultMaxPrefixBlocksToMatch;

    /// <summary>When above 0, overrides <see cref="MaxPrefixBlocksToMatch"/> with tokens ÷ block size.</summary>
    public int MaxPrefixTokensToMatch { get; init; }

    public int LruCapacityPerServer { get; init; } = PrefixIndexOptions.DefaultCapacityPerEndpoint;

    /// <summary>Bound on the whole index (an extension; the reference has none).</summary>
    public long MaxIndexedBlocks { get; init; } = PrefixIndexOptions.DefaultMaxTotalBlocks;

    public PrefixIndexOptions IndexOptions => new()
    {
        CapacityPerEndpoint = LruCapacityPerServer,
        AutoTuneCapacity = AutoTune,
        MaxTotalBlocks = MaxIndexedBlocks,
    };

    /// <summary>Blocks to hash for a given block size.</summary>
    public int MaxBlocksFor(int blockSizeTokens) =>
        MaxPrefixTokensToMatch > 0 ? Math.Max(1, MaxPrefixTokensToMatch / blockSizeTokens) : MaxPrefixBlocksToMatch;
}
