using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using EppOperator.Epp.Metrics;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// The <c>inference_extension_flow_control_*</c> instruments, named and labelled as the reference: queue size and
/// bytes per fairness id, priority, pool and model; time in the queue by outcome; pool saturation. Fairness ids and
/// model names come from requests, so they pass through <see cref="LabelCardinalityLimiter"/>s.
/// </summary>
internal sealed class FlowControlMetrics
{
    public const string QueueSizeName = "inference_extension_flow_control_queue_size";
    public const string QueueBytesName = "inference_extension_flow_control_queue_bytes";
    public const string QueueDurationName = "inference_extension_flow_control_request_queue_duration_seconds";
    public const string PoolSaturationName = "inference_extension_flow_control_pool_saturation";

    /// <summary>Distinct fairness ids shown as labels; the rest are counted as <c>other</c>.</summary>
    public const int DefaultFairnessLabelCapacity = 100;

    private static readonly double[] QueueDurationBuckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

    private readonly string _poolName;
    private readonly LabelCardinalityLimiter _fairnessIds;
    private readonly LabelCardinalityLimiter _models;
    private readonly LabelCardinalityLimiter _targetModels;
    private readonly UpDownCounter<long> _queueSize;
    private readonly UpDownCounter<long> _queueBytes;
    private readonly Histogram<double> _queueDuration;

    public FlowControlMetrics(EppMeter meter, string poolName, int fairnessLabelCapacity = DefaultFairnessLabelCapacity, ILogger? logger = null)
    {
        _poolName = poolName;
        _fairnessIds = new LabelCardinalityLimiter("fairness_id", fairnessLabelCapacity, logger: logger);
        _models = new LabelCardinalityLimiter("model_name", logger: logger);
        _targetModels = new LabelCardinalityLimiter("target_model_name", logger: logger);
        var m = meter.Meter;
        _queueSize = m.CreateUpDownCounter<long>(QueueSizeName, null, "Current number of requests actively held in the Flow Control queue.");
        _queueBytes = m.CreateUpDownCounter<long>(QueueBytesName, null, "Current total size in bytes of requests actively held in the Flow Control queue.");
        _queueDuration = m.CreateHistogram(
            QueueDurationName, unit: null, "Distribution of total time requests spend in the Flow Control layer (from enqueue to final outcome).",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueDurationBuckets });
        m.CreateObservableGauge(
            PoolSaturationName,
            () => Saturation is { } read ? [new Measurement<double>(read(), new KeyValuePair<string, object?>("inference_pool", _poolName))] : Array.Empty<Measurement<double>>(),
            description: "Current saturation level of the inference pool (0.0 = empty, 1.0 = fully saturated).");
    }

    /// <summary>Reads the pool saturation when <c>/metrics</c> is collected; set by the admission controller.</summary>
    public Func<double>? Saturation { get; set; }

    public FlowMetricLabels LabelsFor(FlowItem item)
    {
        var request = item.Request;
        return new FlowMetricLabels(
            _fairnessIds.Limit(request.FairnessId),
            request.Priority.ToString(CultureInfo.InvariantCulture),
            _models.Limit(request.IncomingModel),
            _targetModels.Limit(request.TargetModel));
    }

    public void Enqueued(FlowItem item)
    {
        var labels = item.Labels ??= LabelsFor(item);
        var tags = QueueTags(labels);
        _queueSize.Add(1, tags);
        _queueBytes.Add(item.ByteSize, tags);
    }

    public void Dequeued(FlowItem item)
    {
        var tags = QueueTags(item.Labels ?? LabelsFor(item));
        _queueSize.Add(-1, tags);
        _queueBytes.Add(-item.ByteSize, tags);
    }

    public void Finalized(FlowItem item)
    {
        var labels = item.Labels ??= LabelsFor(item);
        var tags = new TagList
        {
            { "fairness_id", labels.FairnessId },
            { "priority", labels.Priority },
            { "outcome", item.Outcome.Label() },
            { "inference_pool", _poolName },
            { "model_name", labels.ModelName },
            { "target_model_name", labels.TargetModelName },
        };
        _queueDuration.Record(item.QueueTime.TotalSeconds, tags);
    }

    private TagList QueueTags(FlowMetricLabels labels) => new()
    {
        { "fairness_id", labels.FairnessId },
        { "priority", labels.Priority },
        { "inference_pool", _poolName },
        { "model_name", labels.ModelName },
        { "target_model_name", labels.TargetModelName },
    };
}
