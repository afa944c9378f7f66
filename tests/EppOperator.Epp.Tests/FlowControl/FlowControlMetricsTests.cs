using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

[TestFixture]
public sealed class FlowControlMetricsTests
{
    [Test]
    public void Collect_QueuedRequests_CountedPerFlowAndPriorityThenBackToZero()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { DefaultRequestTtl = TimeSpan.FromSeconds(1), RecheckInterval = TimeSpan.Zero });
        h.Submit(id: "busy");
        h.Submit("tenant-a", priority: 2, bytes: 300);
        h.Submit("tenant-a", priority: 2, bytes: 200);
        h.Submit("tenant-b", priority: -1, bytes: 50);

        // Act
        var queued = h.MetricsText();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var drained = h.MetricsText();

        // Assert
        const string a = "fairness_id=\"tenant-a\",inference_pool=\"pool\",model_name=\"m\",priority=\"2\",target_model_name=\"m\"";
        const string b = "fairness_id=\"tenant-b\",inference_pool=\"pool\",model_name=\"m\",priority=\"-1\",target_model_name=\"m\"";
        Assert.Multiple(() =>
        {
            Assert.That(queued, Does.Contain($"inference_extension_flow_control_queue_size{{{a}}} 2\n"));
            Assert.That(queued, Does.Contain($"inference_extension_flow_control_queue_bytes{{{a}}} 500\n"));
            Assert.That(queued, Does.Contain($"inference_extension_flow_control_queue_size{{{b}}} 1\n"));
            Assert.That(drained, Does.Contain($"inference_extension_flow_control_queue_size{{{a}}} 0\n"));
            Assert.That(drained, Does.Contain($"inference_extension_flow_control_queue_bytes{{{a}}} 0\n"));
            Assert.That(drained, Does.Contain($"inference_extension_flow_control_queue_size{{{b}}} 0\n"));
        });
    }

    [Test]
    public void Collect_Outcomes_RecordQueueTimeByOutcome()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { MaxRequests = 1, DefaultRequestTtl = TimeSpan.FromSeconds(2), RecheckInterval = TimeSpan.Zero });
        h.Submit(id: "busy");
        h.Submit();
        h.Submit();

        // Act
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        var text = h.MetricsText();

        // Assert
        const string common = "inference_pool=\"pool\",model_name=\"m\"";
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain($"inference_extension_flow_control_request_queue_duration_seconds_count{{fairness_id=\"default-flow\",{common},outcome=\"Dispatched\",priority=\"0\",target_model_name=\"m\"}} 1\n"));
            Assert.That(text, Does.Contain($"inference_extension_flow_control_request_queue_duration_seconds_count{{fairness_id=\"default-flow\",{common},outcome=\"RejectedCapacity\",priority=\"0\",target_model_name=\"m\"}} 1\n"));
            Assert.That(text, Does.Contain($"inference_extension_flow_control_request_queue_duration_seconds_sum{{fairness_id=\"default-flow\",{common},outcome=\"EvictedTTL\",priority=\"0\",target_model_name=\"m\"}} 2\n"));
        });
    }

    [Test]
    public void Collect_PoolSaturation_IsTheDetectorsReadingWithReservations()
    {
        // Arrange: 4 slots, one placed, one dispatched but not placed
        using var h = new FlowHarness(capacity: 4);
        h.Submit();
        h.PlaceOnDispatch = false;
        h.Submit();

        // Act
        var text = h.MetricsText();

        // Assert
        Assert.That(text, Does.Contain("inference_extension_flow_control_pool_saturation{inference_pool=\"pool\"} 0.5\n"));
    }

    [Test]
    public void Collect_ManyFairnessIds_BoundsTheLabelValues()
    {
        // Arrange
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        for (var i = 0; i < FlowControlMetrics.DefaultFairnessLabelCapacity + 50; i++) h.Submit($"tenant-{i}");

        // Act
        var text = h.MetricsText();

        // Assert
        var series = text.Split('\n').Count(l => l.StartsWith("inference_extension_flow_control_queue_size{", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(series, Is.EqualTo(FlowControlMetrics.DefaultFairnessLabelCapacity + 1));
            Assert.That(text, Does.Contain("inference_extension_flow_control_queue_size{fairness_id=\"other\""));
        });
    }
}
