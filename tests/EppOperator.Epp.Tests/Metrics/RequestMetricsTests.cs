using System.Diagnostics.Metrics;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class RequestMetricsTests
{
    private EppMeter _meter = null!;
    private MeasurementRecorder _recorder = null!;

    private List<RecordedMeasurement> Measurements => [.. _recorder.Measurements];

    [SetUp]
    public void SetUp()
    {
        _meter = new EppMeter();
        _recorder = new MeasurementRecorder(_meter);
    }

    [TearDown]
    public void TearDown()
    {
        _recorder.Dispose();
        _meter.Dispose();
    }

    [Test]
    public void RecordRequest_CountsWithModelTargetAndPriorityLabels()
    {
        var metrics = new RequestMetrics(_meter);

        metrics.RecordRequest(metrics.Labels("m", "t"), -1, 512);

        var count = Measurements.Single(m => m.Instrument == "inference_objective_request_total");
        Assert.That(count.Value, Is.EqualTo(1));
        Assert.That(count.Tags, Is.EquivalentTo(new Dictionary<string, string?> { ["model_name"] = "m", ["target_model_name"] = "t", ["priority"] = "-1" }));
        Assert.That(Measurements.Single(m => m.Instrument == "inference_objective_request_sizes").Value, Is.EqualTo(512));
    }

    [Test]
    public void RecordResponse_ZeroTokenCountsAreNotObserved()
    {
        var metrics = new RequestMetrics(_meter);

        metrics.RecordResponse(metrics.Labels("m", "m"), TimeSpan.FromMilliseconds(250), 100, new ResponseUsage(7, 0, 7, 3));

        var names = Measurements.Select(m => m.Instrument).ToList();
        Assert.That(names, Is.EquivalentTo(new[]
        {
            "inference_objective_request_duration_seconds", "inference_objective_response_sizes",
            "inference_objective_input_tokens", "inference_objective_prompt_cached_tokens",
        }));
        Assert.That(Measurements.Single(m => m.Instrument == "inference_objective_request_duration_seconds").Value, Is.EqualTo(0.25).Within(1e-9));
    }

    [Test]
    public void RecordError_LabelsErrorCodeWithReferenceName()
    {
        var metrics = new RequestMetrics(_meter);

        metrics.RecordError("", "", InferenceErrorCode.ServiceUnavailable);

        Assert.That(Measurements.Single().Tags["error_code"], Is.EqualTo("ServiceUnavailable"));
    }

    [Test]
    public void RunningRequests_StartAndEnd_BalanceOnModelLabelOnly()
    {
        var metrics = new RequestMetrics(_meter);

        metrics.RequestStarted(metrics.Labels("m", "t"));
        metrics.RequestEnded(metrics.Labels("m", "t"));

        Assert.That(Measurements.Where(m => m.Instrument == "inference_objective_running_requests").Sum(m => m.Value), Is.Zero);
        Assert.That(Measurements.All(m => m.Tags.Keys.SequenceEqual(["model_name"])), Is.True);
    }

    [Test]
    public void Histograms_CarryReferenceBucketAdvice()
    {
        _ = new RequestMetrics(_meter);
        Histogram<double>? ttft = null;
        using var probe = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, _meter.Meter) && instrument.Name == "inference_objective_request_ttft_seconds") ttft = (Histogram<double>)instrument;
            },
        };
        probe.Start();

        Assert.That(ttft!.Advice!.HistogramBucketBoundaries![0], Is.EqualTo(0.005));
        Assert.That(ttft.Advice.HistogramBucketBoundaries, Has.Count.EqualTo(35));
    }

    [Test]
    public void ModelLabels_CappedToOther()
    {
        var metrics = new RequestMetrics(_meter, modelLabelCapacity: 1);

        metrics.RecordError("first", "first", InferenceErrorCode.BadRequest);
        metrics.RecordError("second", "second", InferenceErrorCode.BadRequest);

        Assert.That(Measurements[1].Tags["model_name"], Is.EqualTo("other"));
    }

    [Test]
    public void Labels_TakenBeforeCapacityFilled_KeepTheirModelNames()
    {
        var metrics = new RequestMetrics(_meter, modelLabelCapacity: 1);
        var first = metrics.Labels("first", "first");

        var second = metrics.Labels("second", "second");
        metrics.RecordTimeToFirstToken(first, TimeSpan.FromMilliseconds(10));

        Assert.That(second, Is.EqualTo(new ModelLabels("other", "other")));
        Assert.That(Measurements.Single().Tags["model_name"], Is.EqualTo("first"));
    }
}
