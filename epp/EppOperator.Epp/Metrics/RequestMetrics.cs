using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using EppOperator.Epp.Requests;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The per-request <c>inference_objective_*</c> instruments, named and bucketed as the reference EPP's
/// Prometheus metrics so existing dashboards work. Instrument names are the final Prometheus family names
/// (counters include <c>_total</c>); units are part of the names, so no unit is set on the instruments.
/// Model names come from request bodies, so both model labels go through a <see cref="LabelCardinalityLimiter"/>.
/// </summary>
internal sealed class RequestMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600];

    private static readonly double[] RequestSizeBuckets =
        [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608, 16777216, 33554432, 67108864, 134217728, 268435456, 536870912, 1073741824];

    private static readonly double[] ResponseSizeBuckets = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32778, 65536];

    private static readonly double[] InputTokenBuckets =
        [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32778, 65536, 131072, 262144, 524288, 1048576];

    private static readonly double[] OutputTokenBuckets = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    private readonly LabelCardinalityLimiter _models;
    private readonly LabelCardinalityLimiter _targetModels;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _requestSizes;
    private readonly Histogram<double> _responseSizes;
    private readonly Histogram<double> _inputTokens;
    private readonly Histogram<double> _outputTokens;
    private readonly Histogram<double> _cachedTokens;
    private readonly Histogram<double> _ttft;
    private readonly UpDownCounter<long> _running;

    public RequestMetrics(EppMeter meter, int modelLabelCapacity = LabelCardinalityLimiter.DefaultMaxValues, ILogger? logger = null)
    {
        _models = new LabelCardinalityLimiter("model_name", modelLabelCapacity, logger: logger);
        _targetModels = new LabelCardinalityLimiter("target_model_name", modelLabelCapacity, logger: logger);
        var m = meter.Meter;
        _requests = m.CreateCounter<long>("inference_objective_request_total", null, "Counter of inference objective requests broken out for each model and target model.");
        _errors = m.CreateCounter<long>("inference_objective_request_error_total", null, "Counter of inference objective requests errors broken out for each model and target model.");
        _duration = Histogram(m, "inference_objective_request_duration_seconds", "Inference objective response latency distribution in seconds for each model and target model.", LatencyBuckets);
        _requestSizes = Histogram(m, "inference_objective_request_sizes", "Inference objective requests size distribution in bytes for each model and target model.", RequestSizeBuckets);
        _responseSizes = Histogram(m, "inference_objective_response_sizes", "Inference objective responses size distribution in bytes for each model and target model.", ResponseSizeBuckets);
        _inputTokens = Histogram(m, "inference_objective_input_tokens", "Inference objective input token count distribution for requests in each model.", InputTokenBuckets);
        _outputTokens = Histogram(m, "inference_objective_output_tokens", "Inference objective output token count distribution for requests in each model.", OutputTokenBuckets);
        _cachedTokens = Histogram(m, "inference_objective_prompt_cached_tokens", "Inference objective prompt cached token count distribution for requests in each model.", InputTokenBuckets);
        _ttft = Histogram(m, "inference_objective_request_ttft_seconds", "Inference model TTFT distribution in seconds for each model and target model.", LatencyBuckets);
        _running = m.CreateUpDownCounter<long>("inference_objective_running_requests", null, "Inference objective number of running requests in each model.");
    }

    /// <summary>
    /// The bounded label values for a request's models. A value admitted (or refused) once stays so, so the result
    /// can be kept for the request's later measurements.
    /// </summary>
    public ModelLabels Labels(string model, string targetModel) => new(_models.Limit(model), _targetModels.Limit(targetModel));

    /// <summary>A request was parsed and is about to be scheduled.</summary>
    public void RecordRequest(ModelLabels labels, int priority, int bodyBytes)
    {
        var tags = Tags(labels);
        _requestSizes.Record(bodyBytes, tags);
        tags.Add("priority", PriorityLabel(priority));
        _requests.Add(1, tags);
    }

    public void RecordError(string model, string targetModel, InferenceErrorCode code)
    {
        var tags = Tags(Labels(model, targetModel));
        tags.Add("error_code", code.ToString());
        _errors.Add(1, tags);
    }

    public void RecordTimeToFirstToken(ModelLabels labels, TimeSpan elapsed) => _ttft.Record(elapsed.TotalSeconds, Tags(labels));

    /// <summary>The response ended normally; zero token counts (usage not reported) are not recorded.</summary>
    public void RecordResponse(ModelLabels labels, TimeSpan duration, long responseBytes, ResponseUsage usage)
    {
        var tags = Tags(labels);
        _duration.Record(duration.TotalSeconds, tags);
        _responseSizes.Record(responseBytes, tags);
        if (usage.PromptTokens > 0) _inputTokens.Record(usage.PromptTokens, tags);
        if (usage.CompletionTokens > 0) _outputTokens.Record(usage.CompletionTokens, tags);
        if (usage.CachedTokens > 0) _cachedTokens.Record(usage.CachedTokens, tags);
    }

    public void RequestStarted(ModelLabels labels) => _running.Add(1, new KeyValuePair<string, object?>("model_name", labels.Model));

    public void RequestEnded(ModelLabels labels) => _running.Add(-1, new KeyValuePair<string, object?>("model_name", labels.Model));

    private static TagList Tags(ModelLabels labels) => new()
    {
        { "model_name", labels.Model },
        { "target_model_name", labels.TargetModel },
    };

    private static Histogram<double> Histogram(Meter meter, string name, string description, double[] buckets) =>
        meter.CreateHistogram(name, unit: null, description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    private static readonly string[] SmallPriorities = [.. Enumerable.Range(-16, 33).Select(p => p.ToString(CultureInfo.InvariantCulture))];

    private static string PriorityLabel(int priority) =>
        priority is >= -16 and <= 16 ? SmallPriorities[priority + 16] : priority.ToString(CultureInfo.InvariantCulture);
}
