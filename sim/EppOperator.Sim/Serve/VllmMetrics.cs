using System.Collections.Concurrent;
using System.Globalization;
using EppOperator.Epp.Metrics;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Serve;

/// <summary>
/// The server's <c>/metrics</c>, with vLLM's metric names and labels (what the EPP's data layer scrapes):
/// queue and batch gauges, KV usage under both the V1 and the older name, cache and LoRA info, token and prefix
/// cache counters, and latency histograms with vLLM's bucket bounds.
/// </summary>
internal sealed class VllmMetrics(SimulatedEngine engine, string modelName, TimeProvider time)
{
    public static readonly double[] TtftBuckets =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    public static readonly double[] TokenLatencyBuckets =
        [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];

    public static readonly double[] RequestLatencyBuckets =
        [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    private readonly ConcurrentDictionary<string, long> _success = new(StringComparer.Ordinal);

    public Histogram TimeToFirstToken { get; } = new(TtftBuckets);

    public Histogram InterTokenLatency { get; } = new(TokenLatencyBuckets);

    public Histogram EndToEnd { get; } = new(RequestLatencyBuckets);

    public void RecordSuccess(string finishReason) => _success.AddOrUpdate(finishReason, 1, static (_, n) => n + 1);

    public void Write(TextWriter output)
    {
        var state = engine.GetState();
        var profile = engine.Profile;
        var writer = new PrometheusTextWriter(output);
        KeyValuePair<string, string>[] model = [new("model_name", modelName)];

        Gauge(writer, "vllm:num_requests_running", "Number of requests in model execution batches.", model, state.Running);
        Gauge(writer, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", model, state.Waiting);
        Gauge(writer, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", model, state.KvUsage);
        Gauge(writer, "vllm:gpu_cache_usage_perc", "GPU KV-cache usage (older name of vllm:kv_cache_usage_perc).", model, state.KvUsage);

        writer.WriteFamilyHeader("vllm:cache_config_info", "Information of the LLMEngine CacheConfig.", "gauge");
        writer.WriteSample("vllm:cache_config_info",
        [
            new("block_size", profile.BlockSize.ToString(CultureInfo.InvariantCulture)),
            new("cache_dtype", "auto"),
            new("enable_prefix_caching", "True"),
            new("num_gpu_blocks", profile.NumGpuBlocks.ToString(CultureInfo.InvariantCulture)),
            new("model_name", modelName),
        ], 1);

        // As vLLM does, the value is the time of the sample and the adapter lists are comma-joined; no model label.
        writer.WriteFamilyHeader("vllm:lora_requests_info", "Running stats on lora requests.", "gauge");
        writer.WriteSample("vllm:lora_requests_info",
        [
            new("max_lora", profile.MaxLoras.ToString(CultureInfo.InvariantCulture)),
            new("running_lora_adapters", string.Join(',', state.RunningAdapters)),
            new("waiting_lora_adapters", string.Join(',', state.WaitingAdapters)),
        ], time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);

        var counters = state.Counters;
        Counter(writer, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", model, counters.PromptTokens);
        Counter(writer, "vllm:generation_tokens_total", "Number of generation tokens processed.", model, counters.GenerationTokens);
        Counter(writer, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", model, counters.PrefixCacheQueries);
        Counter(writer, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", model, counters.PrefixCacheHits);
        Counter(writer, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", model, counters.Preemptions);

        writer.WriteFamilyHeader("vllm:request_success_total", "Count of successfully processed requests.", "counter");
        foreach (var (reason, count) in _success.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteSample("vllm:request_success_total", [model[0], new("finish_reason", reason)], count);
        }

        HistogramFamily(writer, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", modelName, TimeToFirstToken);
        HistogramFamily(writer, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", modelName, InterTokenLatency);
        HistogramFamily(writer, "vllm:time_per_output_token_seconds", "Histogram of time per output token in seconds (older name of inter-token latency).", modelName, InterTokenLatency);
        HistogramFamily(writer, "vllm:e2e_request_latency_seconds", "Histogram of end to end request latency in seconds.", modelName, EndToEnd);
    }

    private static void Gauge(PrometheusTextWriter writer, string name, string help, KeyValuePair<string, string>[] labels, double value)
    {
        writer.WriteFamilyHeader(name, help, "gauge");
        writer.WriteSample(name, labels, value);
    }

    private static void Counter(PrometheusTextWriter writer, string name, string help, KeyValuePair<string, string>[] labels, double value)
    {
        writer.WriteFamilyHeader(name, help, "counter");
        writer.WriteSample(name, labels, value);
    }

    private static void HistogramFamily(PrometheusTextWriter writer, string name, string help, string modelName, Histogram histogram)
    {
        writer.WriteFamilyHeader(name, help, "histogram");
        var (cumulative, sum, count) = histogram.Snapshot();
        for (var i = 0; i < cumulative.Length; i++)
        {
            var le = i < histogram.Bounds.Count ? PrometheusTextWriter.FormatValue(histogram.Bounds[i]) : "+Inf";
            writer.WriteSample(name + "_bucket", [new("le", le), new("model_name", modelName)], cumulative[i]);
        }

        KeyValuePair<string, string>[] labels = [new("model_name", modelName)];
        writer.WriteSample(name + "_sum", labels, sum);
        writer.WriteSample(name + "_count", labels, count);
    }
}
