using System.Globalization;
using System.Text;
using EppOperator.Epp.Metrics;
using EppOperator.Sim.Serve;

namespace EppOperator.Benchmarks.Scrape;

/// <summary>
/// A /metrics page shaped like a vLLM V1 server's: process and Python gauges, the scheduler gauges the EPP reads,
/// token counters, ten histograms with vLLM's bucket lists, LoRA info and cache config. About 30 KB, most of it
/// histogram buckets the scraper has to skip, which is what makes a real scrape expensive. Written with the same
/// <see cref="PrometheusTextWriter"/> and bucket bounds as <c>eppsim serve</c>'s <see cref="VllmMetrics"/>.
/// </summary>
internal static class VllmMetricsPage
{
    private static readonly double[] TokenCountBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

    public static byte[] Build(string model = "meta-llama/Llama-3.1-8B-Instruct")
    {
        KeyValuePair<string, string>[] labels = [new("engine", "0"), new("model_name", model)];
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var page = new PrometheusTextWriter(text);
        Family(page, "process_resident_memory_bytes", "gauge", ([], 3.187326976e+09));
        Family(page, "process_cpu_seconds_total", "counter", ([], 1841.07));
        Family(page, "python_gc_objects_collected_total", "counter", ([new("generation", "0")], 13712), ([new("generation", "1")], 2894));
        Family(page, "vllm:num_requests_running", "gauge", (labels, 7));
        Family(page, "vllm:num_requests_waiting", "gauge", (labels, 3));
        Family(page, "vllm:kv_cache_usage_perc", "gauge", (labels, 0.4237));
        Family(page, "vllm:prefix_cache_queries_total", "counter", (labels, 5.123e+06));
        Family(page, "vllm:prefix_cache_hits_total", "counter", (labels, 3.9e+06));
        Family(page, "vllm:prompt_tokens_total", "counter", (labels, 8.811e+06));
        Family(page, "vllm:generation_tokens_total", "counter", (labels, 1.02213e+06));
        Family(page, "vllm:request_success_total", "counter",
            ([.. labels, new("finished_reason", "stop")], 4120), ([.. labels, new("finished_reason", "length")], 311));
        Histogram(page, "vllm:time_to_first_token_seconds", labels, VllmMetrics.TtftBuckets);
        Histogram(page, "vllm:time_per_output_token_seconds", labels, VllmMetrics.TokenLatencyBuckets);
        Histogram(page, "vllm:inter_token_latency_seconds", labels, VllmMetrics.TokenLatencyBuckets);
        Histogram(page, "vllm:e2e_request_latency_seconds", labels, VllmMetrics.RequestLatencyBuckets);
        Histogram(page, "vllm:request_queue_time_seconds", labels, VllmMetrics.RequestLatencyBuckets);
        Histogram(page, "vllm:request_prefill_time_seconds", labels, VllmMetrics.RequestLatencyBuckets);
        Histogram(page, "vllm:request_decode_time_seconds", labels, VllmMetrics.RequestLatencyBuckets);
        Histogram(page, "vllm:request_prompt_tokens", labels, TokenCountBuckets);
        Histogram(page, "vllm:request_generation_tokens", labels, TokenCountBuckets);
        Histogram(page, "vllm:request_params_max_tokens", labels, TokenCountBuckets);
        Family(page, "vllm:lora_requests_info", "gauge",
            ([new("max_lora", "4"), new("running_lora_adapters", "sql-lora,chat-lora"), new("waiting_lora_adapters", "")], 1.747700123e+09));
        Family(page, "vllm:cache_config_info", "gauge",
        ([
            new("block_size", "16"), new("cache_dtype", "auto"), new("enable_prefix_caching", "True"), new("gpu_memory_utilization", "0.9"),
            new("num_cpu_blocks", "None"), new("num_gpu_blocks", "27843"), new("swap_space", "4"),
        ], 1));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Family(PrometheusTextWriter page, string name, string type, params (KeyValuePair<string, string>[] Labels, double Value)[] samples)
    {
        page.WriteFamilyHeader(name, "Synthetic " + type, type);
        foreach (var (labels, value) in samples) page.WriteSample(name, labels, value);
    }

    private static void Histogram(PrometheusTextWriter page, string name, KeyValuePair<string, string>[] labels, double[] buckets)
    {
        page.WriteFamilyHeader(name, "Synthetic histogram", "histogram");
        for (var i = 0; i < buckets.Length; i++)
        {
            page.WriteSample(name + "_bucket", [.. labels, new("le", PrometheusTextWriter.FormatValue(buckets[i]))], 100.0 * (i + 1));
        }

        page.WriteSample(name + "_bucket", [.. labels, new("le", "+Inf")], 4433);
        page.WriteSample(name + "_count", labels, 4433);
        page.WriteSample(name + "_sum", labels, 21908.1);
    }
}
