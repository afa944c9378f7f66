using System.Globalization;
using System.Text;

namespace EppOperator.Benchmarks.Scrape;

/// <summary>
/// A /metrics page shaped like a vLLM V1 server's: process and Python gauges, the scheduler gauges the EPP reads,
/// token counters, ten histograms with vLLM's bucket lists, LoRA info and cache config. About 30 KB, most of it
/// histogram buckets the scraper has to skip, which is what makes a real scrape expensive.
/// </summary>
internal static class VllmMetricsPage
{
    private static readonly double[] LatencyBuckets = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680];
    private static readonly double[] TtftBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560];
    private static readonly double[] TokenLatencyBuckets = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];
    private static readonly double[] TokenCountBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

    public static byte[] Build(string model = "meta-llama/Llama-3.1-8B-Instruct")
    {
        var labels = $"engine=\"0\",model_name=\"{model}\"";
        var page = new StringBuilder();
        Family(page, "process_resident_memory_bytes", "gauge", "process_resident_memory_bytes 3.187326976e+09");
        Family(page, "process_cpu_seconds_total", "counter", "process_cpu_seconds_total 1841.07");
        Family(page, "python_gc_objects_collected_total", "counter",
            "python_gc_objects_collected_total{generation=\"0\"} 13712.0", "python_gc_objects_collected_total{generation=\"1\"} 2894.0");
        Family(page, "vllm:num_requests_running", "gauge", $"vllm:num_requests_running{{{labels}}} 7.0");
        Family(page, "vllm:num_requests_waiting", "gauge", $"vllm:num_requests_waiting{{{labels}}} 3.0");
        Family(page, "vllm:kv_cache_usage_perc", "gauge", $"vllm:kv_cache_usage_perc{{{labels}}} 0.4237");
        Family(page, "vllm:prefix_cache_queries_total", "counter", $"vllm:prefix_cache_queries_total{{{labels}}} 5.123e+06");
        Family(page, "vllm:prefix_cache_hits_total", "counter", $"vllm:prefix_cache_hits_total{{{labels}}} 3.9e+06");
        Family(page, "vllm:prompt_tokens_total", "counter", $"vllm:prompt_tokens_total{{{labels}}} 8.811e+06");
        Family(page, "vllm:generation_tokens_total", "counter", $"vllm:generation_tokens_total{{{labels}}} 1.02213e+06");
        Family(page, "vllm:request_success_total", "counter",
            $"vllm:request_success_total{{{labels},finished_reason=\"stop\"}} 4120.0", $"vllm:request_success_total{{{labels},finished_reason=\"length\"}} 311.0");
        Histogram(page, "vllm:time_to_first_token_seconds", labels, TtftBuckets);
        Histogram(page, "vllm:time_per_output_token_seconds", labels, TokenLatencyBuckets);
        Histogram(page, "vllm:inter_token_latency_seconds", labels, TokenLatencyBuckets);
        Histogram(page, "vllm:e2e_request_latency_seconds", labels, LatencyBuckets);
        Histogram(page, "vllm:request_queue_time_seconds", labels, LatencyBuckets);
        Histogram(page, "vllm:request_prefill_time_seconds", labels, LatencyBuckets);
        Histogram(page, "vllm:request_decode_time_seconds", labels, LatencyBuckets);
        Histogram(page, "vllm:request_prompt_tokens", labels, TokenCountBuckets);
        Histogram(page, "vllm:request_generation_tokens", labels, TokenCountBuckets);
        Histogram(page, "vllm:request_params_max_tokens", labels, TokenCountBuckets);
        Family(page, "vllm:lora_requests_info", "gauge",
            "vllm:lora_requests_info{max_lora=\"4\",running_lora_adapters=\"sql-lora,chat-lora\",waiting_lora_adapters=\"\"} 1.747700123e+09");
        Family(page, "vllm:cache_config_info", "gauge",
            "vllm:cache_config_info{block_size=\"16\",cache_dtype=\"auto\",enable_prefix_caching=\"True\",gpu_memory_utilization=\"0.9\",num_cpu_blocks=\"None\",num_gpu_blocks=\"27843\",swap_space=\"4\"} 1.0");
        return Encoding.UTF8.GetBytes(page.ToString());
    }

    private static void Family(StringBuilder page, string name, string type, params string[] samples)
    {
        page.Append("# HELP ").Append(name).Append(" Synthetic ").Append(type).Append('\n');
        page.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var sample in samples) page.Append(sample).Append('\n');
    }

    private static void Histogram(StringBuilder page, string name, string labels, double[] buckets)
    {
        var samples = new List<string>();
        for (var i = 0; i < buckets.Length; i++)
        {
            samples.Add(string.Create(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{buckets[i]:0.0##}\"}} {100.0 * (i + 1)}"));
        }

        samples.Add($"{name}_bucket{{{labels},le=\"+Inf\"}} 4433.0");
        samples.Add($"{name}_count{{{labels}}} 4433.0");
        samples.Add($"{name}_sum{{{labels}}} 21908.1");
        Family(page, name, "histogram", [.. samples]);
    }
}
