using EppOperator.Epp.Config;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Scheduling.Tests.Scheduling;

public sealed class SchedulerMetricsTests
{
    [Test]
    public void Exposition_DecisionsAndPicks_ReferenceFamiliesWithValues()
    {
        using var meter = new EppMeter();
        using var exporter = new PrometheusExporter(meter);
        var metrics = new SchedulerMetrics(meter);
        var scheduler = new SchedulerBuilder(PluginRegistry.CreateDefault(), metrics, new ManualTimeProvider(TestEndpoints.Now), new Random(1))
            .Build(SchedulerDefaults.ConfigText).Scheduler!;
        var index = ((ApproxPrefixCacheProducer)scheduler.Producers[0]).Index;
        metrics.PrefixIndexSize = () => index.TotalBlocks;
        var endpoints = TestEndpoints.Many(3);

        for (var i = 0; i < SchedulerMetrics.PluginSamplingInterval * 2; i++)
        {
            var request = TestRequests.Completion(new string('m', 64 * 4));
            var result = scheduler.Schedule(request, endpoints);
            scheduler.OnPicked(request, result);
            scheduler.OnResponseComplete(request, result, default, completed: true);
        }

        scheduler.Schedule(TestRequests.Completion(), []);
        var text = exporter.Collect();

        Assert.That(text, Does.Contain("inference_extension_scheduler_attempts_total{status=\"success\"} 32"));
        Assert.That(text, Does.Contain("inference_extension_scheduler_attempts_total{status=\"failure\"} 1"));
        Assert.That(text, Does.Contain("inference_extension_scheduler_e2e_duration_seconds_count 33"));
        Assert.That(text, Does.Contain("inference_extension_prefix_indexer_size 4"));
        Assert.That(text, Does.Contain("inference_extension_prefix_indexer_hit_ratio_count 32"));
        Assert.That(text, Does.Contain("inference_extension_prefix_indexer_hit_ratio_bucket{le=\"0\"} 1"), "only the first request found nothing cached");
        Assert.That(text, Does.Contain("inference_extension_plugin_duration_seconds_count{extension_point=\"Scorer\",plugin_name=\"queue-scorer\",plugin_type=\"queue-scorer\"} 2"));
        Assert.That(text, Does.Contain("extension_point=\"PrepareData\",plugin_name=\"approx-prefix-cache-producer\""));
        Assert.That(text, Does.Contain("extension_point=\"Picker\",plugin_name=\"max-score-picker\""));
    }
}
