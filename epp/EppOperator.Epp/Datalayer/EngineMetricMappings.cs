using System.Collections.Frozen;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// The engine mappings the scraper chooses from by <see cref="EndpointSpec.EngineType"/> (pod label
/// <see cref="Kubernetes.PodEndpoints.EngineTypeLabel"/>, or a flag in standalone mode). Built in: vLLM (the default), SGLang,
/// trtllm-serve and Triton TensorRT-LLM, with the names GAIE's model-server protocol documents; a configured
/// mapping replaces the built-in one of the same engine name.
/// </summary>
internal sealed class EngineMetricMappings
{
    public const string Vllm = "vllm";
    public const string SgLang = "sglang";
    public const string TrtLlmServe = "trtllm-serve";
    public const string TritonTensorRtLlm = "triton-tensorrt-llm";

    public static readonly EngineMetricMapping VllmMapping = new(Vllm)
    {
        QueuedRequests = [MetricField.Value("vllm:num_requests_waiting")],
        RunningRequests = [MetricField.Value("vllm:num_requests_running")],
        // vLLM V1 renamed the gauge; servers from before the rename still report the old name.
        KvCacheUsage = [MetricField.Value("vllm:kv_cache_usage_perc"), MetricField.Value("vllm:gpu_cache_usage_perc")],
        LoraInfo = [MetricField.Value("vllm:lora_requests_info")],
        CacheBlockSize = [MetricField.Label("vllm:cache_config_info", "block_size")],
        CacheNumBlocks = [MetricField.Label("vllm:cache_config_info", "num_gpu_blocks")],
    };

    public static readonly EngineMetricMapping SgLangMapping = new(SgLang)
    {
        QueuedRequests = [MetricField.Value("sglang:num_queue_reqs")],
        RunningRequests = [MetricField.Value("sglang:num_running_reqs")],
        KvCacheUsage = [MetricField.Value("sglang:token_usage")],
        CacheBlockSize = [MetricField.Label("sglang:cache_config_info", "page_size")],
        CacheNumBlocks = [MetricField.Label("sglang:cache_config_info", "num_pages")],
    };

    public static readonly EngineMetricMapping TrtLlmServeMapping = new(TrtLlmServe)
    {
        QueuedRequests = [MetricField.Value("trtllm_num_requests_waiting")],
        RunningRequests = [MetricField.Value("trtllm_num_requests_running")],
        KvCacheUsage = [MetricField.Value("trtllm_kv_cache_utilization")],
        CacheBlockSize = [MetricField.Value("trtllm_kv_cache_tokens_per_block")],
        CacheNumBlocks = [MetricField.Value("trtllm_kv_cache_max_blocks")],
    };

    public static readonly EngineMetricMapping TritonTensorRtLlmMapping = new(TritonTensorRtLlm)
    {
        QueuedRequests = [MetricField.Value("nv_trt_llm_request_metrics{request_type=\"waiting\"}")],
        RunningRequests = [MetricField.Value("nv_trt_llm_request_metrics{request_type=\"scheduled\"}")],
        KvCacheUsage = [MetricField.Value("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"fraction\"}")],
        CacheBlockSize = [MetricField.Value("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"tokens_per\"}")],
        CacheNumBlocks = [MetricField.Value("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"max\"}")],
    };

    private readonly FrozenDictionary<string, EngineMetricMapping> _byEngine;

    /// <param name="overrides">Configured mappings; each replaces the built-in mapping of the same engine name.</param>
    /// <param name="defaultEngine">Engine used for endpoints that name none.</param>
    public EngineMetricMappings(IEnumerable<EngineMetricMapping>? overrides = null, string defaultEngine = Vllm)
    {
        var all = new Dictionary<string, EngineMetricMapping>(StringComparer.Ordinal);
        foreach (var mapping in (EngineMetricMapping[])[VllmMapping, SgLangMapping, TrtLlmServeMapping, TritonTensorRtLlmMapping]) all[mapping.Engine] = mapping;
        foreach (var mapping in overrides ?? []) all[mapping.Engine] = mapping;
        if (!all.TryGetValue(defaultEngine, out var fallback))
        {
            throw new ArgumentException($"default engine '{defaultEngine}' has no metric mapping; known: {string.Join(", ", all.Keys.Order(StringComparer.Ordinal))}", nameof(defaultEngine));
        }

        _byEngine = all.ToFrozenDictionary(StringComparer.Ordinal);
        Default = fallback;
    }

    public EngineMetricMapping Default { get; }

    /// <summary>The mapping for <paramref name="engineType"/>; the default one, and false, when the engine is unknown.</summary>
    public bool TryResolve(string? engineType, out EngineMetricMapping mapping)
    {
        if (string.IsNullOrEmpty(engineType))
        {
            mapping = Default;
            return true;
        }

        if (_byEngine.TryGetValue(engineType, out var found))
        {
            mapping = found;
            return true;
        }

        mapping = Default;
        return false;
    }
}
