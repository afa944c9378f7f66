using System.Collections.Immutable;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// What a model server last reported about itself, scraped from its Prometheus endpoint. Immutable: the data
/// layer publishes a new instance per scrape and the scheduler reads whichever is current without locking.
/// </summary>
internal sealed record EndpointMetrics
{
    /// <summary>Never scraped: always stale, so the scheduler treats the endpoint as unknown load.</summary>
    public static readonly EndpointMetrics None = new() { UpdatedAt = DateTimeOffset.MinValue };

    public int WaitingQueueSize { get; init; }

    public int RunningRequests { get; init; }

    /// <summary>KV-cache usage as a fraction in [0, 1].</summary>
    public double KvCacheUsage { get; init; }

    /// <summary>LoRA adapters loaded and serving (vLLM <c>running_lora_adapters</c>).</summary>
    public ImmutableArray<string> ActiveModels { get; init; } = [];

    /// <summary>LoRA adapters requested but waiting for a slot (vLLM <c>waiting_lora_adapters</c>).</summary>
    public ImmutableArray<string> WaitingModels { get; init; } = [];

    /// <summary>LoRA slots (vLLM <c>max_lora</c>); 0 when the server does not report it.</summary>
    public int MaxActiveModels { get; init; }

    /// <summary>Tokens per KV block (<c>cache_config_info{block_size}</c>); 0 when unknown.</summary>
    public int CacheBlockSize { get; init; }

    /// <summary>KV blocks on the accelerator (<c>cache_config_info{num_gpu_blocks}</c>); 0 when unknown.</summary>
    public int CacheNumBlocks { get; init; }

    /// <summary>When the last successful scrape finished.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsStale(DateTimeOffset now, TimeSpan threshold) => now - UpdatedAt > threshold;

    /// <summary>
    /// Of the <paramref name="inFlightRequests"/> this EPP sent the server, how many this scrape cannot have counted
    /// yet: in flight minus what the server reported (waiting + running), never negative. When other clients load the
    /// server the scrape exceeds this EPP's count and nothing is left over.
    /// </summary>
    public long UncountedOf(long inFlightRequests) => Math.Max(0, inFlightRequests - (WaitingQueueSize + (long)RunningRequests));

    public bool HasActiveModel(string model) => Contains(ActiveModels, model);

    public bool HasWaitingModel(string model) => Contains(WaitingModels, model);

    // Adapter lists hold a handful of names; a linear scan beats hashing at that size and allocates nothing.
    private static bool Contains(ImmutableArray<string> names, string model)
    {
        foreach (var name in names)
        {
            if (string.Equals(name, model, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
