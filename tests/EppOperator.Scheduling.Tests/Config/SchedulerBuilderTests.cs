using EppOperator.Epp.Config;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.Filters;
using EppOperator.Epp.Scheduling.Pickers;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Epp.Scheduling.Scorers;

namespace EppOperator.Scheduling.Tests.Config;

public sealed class SchedulerBuilderTests
{
    private const string Header = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";

    [Test]
    public void Build_ConfigTextExample_SameProfileAsItsExpandedForm()
    {
        var shortForm = Describe(Build(ReferenceExamples.ConfigText).Scheduler!);
        var expanded = Describe(Build(ReferenceExamples.ConfigTextWithDefaults).Scheduler!);

        Assert.That(shortForm, Is.EqualTo(expanded));
        Assert.That(shortForm, Is.EqualTo(
            "handler single-profile-handler; producer approx-prefix-cache-producer(block 5, blocks 256, lru 31250); " +
            "profile default: filters [stale-metrics-filter] scorers [prefix-cache-scorer×50] picker max-score-picker(1)"));
    }

    [Test]
    public void Build_PrefixQueueKvExample_WeightsAsWritten()
    {
        var description = Describe(Build(ReferenceExamples.PrefixQueueKv).Scheduler!);

        Assert.That(description, Does.EndWith("scorers [prefix-cache-scorer×3, queue-scorer×2, kv-cache-utilization-scorer×2] picker max-score-picker(1)"));
    }

    [Test]
    public void Build_NoConfiguration_ReferenceDefaultProfile()
    {
        var description = Describe(Build(SchedulerDefaults.ConfigText).Scheduler!);

        Assert.That(description, Is.EqualTo(
            "handler single-profile-handler; producer approx-prefix-cache-producer(block 16, blocks 256, lru 31250); " +
            "profile default: filters [stale-metrics-filter] scorers [queue-scorer×2, kv-cache-utilization-scorer×2, prefix-cache-scorer×3] picker max-score-picker(1)"));
    }

    [Test]
    public void Build_NoProfiles_DefaultProfileWithEveryFilterScorerAndPicker()
    {
        var built = Build(Header + """
            plugins:
            - type: least-queue-filter
            - type: queue-scorer
            - type: lora-affinity-scorer
            - type: random-picker
              parameters: {maxNumOfEndpoints: 2}
            """);

        Assert.That(Describe(built.Scheduler!), Is.EqualTo(
            "handler single-profile-handler; producer none; " +
            "profile default: filters [stale-metrics-filter, least-queue-filter] scorers [queue-scorer×1, lora-affinity-scorer×1] picker random-picker(2)"));
    }

    [Test]
    public void Build_DeclaredStaleFilter_ItsParametersApplyEverywhere()
    {
        var built = Build(Header + """
            plugins:
            - type: queue-scorer
            - type: stale-metrics-filter
              parameters: {staleAfter: 500ms, excludeAfter: 0s, staleWeight: 0.25}
            schedulingProfiles:
            - name: default
              plugins:
              - pluginRef: queue-scorer
            """);

        var stale = built.Scheduler!.Profiles[0].Filters.OfType<StaleMetricsFilter>().Single();
        Assert.That((stale.StaleAfter, stale.ExcludeAfter, stale.StaleWeight), Is.EqualTo((TimeSpan.FromMilliseconds(500), TimeSpan.Zero, 0.25)));
    }

    [Test]
    public void Build_SaturationDetectorExamples_AcceptedAsExternalPlugins()
    {
        var utilization = Build(ReferenceExamples.UtilizationDetector);
        var concurrency = Build(ReferenceExamples.ConcurrencyDetector);
        var flow = Build(ReferenceExamples.FlowControl);

        Assert.That(utilization.ExternalPlugins.Single().Type, Is.EqualTo("utilization-detector"));
        Assert.That(utilization.ExternalPlugins.Single().Parameters.GetInt("queueDepthThreshold", 0), Is.EqualTo(10));
        Assert.That(concurrency.ExternalPlugins.Single().Component, Is.EqualTo("saturation detection"));
        Assert.That(flow.ExternalPlugins.Select(p => p.Type), Is.EqualTo(new[] { "round-robin-fairness-policy", "edf-ordering-policy" }));
        Assert.That(new[] { utilization, concurrency, flow }.SelectMany(b => b.Diagnostics.Items), Is.Empty);
    }

    [TestCase("plugins:\n- type: teleport-scorer\n", "unknown plugin type 'teleport-scorer'", 4)]
    [TestCase("plugins:\n- type: latency-scorer\n", "part of the reference but not supported", 4)]
    [TestCase("plugins:\n- type: queue-scorer\n  parameters: {blendInFlight: maybe}\n", "parameter 'blendInFlight' must be true or false, got 'maybe'", 5)]
    [TestCase("plugins:\n- type: max-score-picker\n  parameters: {maxNumOfEndpoints: 0}\n", "parameter 'maxNumOfEndpoints' must be an integer in [1, 64]", 5)]
    [TestCase("plugins:\n- type: queue-scorer\nschedulingProfiles:\n- name: p\n  plugins:\n  - pluginRef: nope\n", "references plugin 'nope', which is not declared", 8)]
    [TestCase("plugins:\n- type: queue-scorer\nschedulingProfiles:\n- name: a\n  plugins: [{pluginRef: queue-scorer}]\n- name: b\n  plugins: [{pluginRef: queue-scorer}]\n", "2 scheduling profiles need a profile handler", 0)]
    [TestCase("plugins:\n- type: random-picker\n- type: max-score-picker\nschedulingProfiles:\n- name: p\n  plugins: [{pluginRef: random-picker}, {pluginRef: max-score-picker}]\n", "more than one picker", 8)]
    [TestCase("plugins:\n- type: utilization-detector\nschedulingProfiles:\n- name: p\n  plugins: [{pluginRef: utilization-detector}]\n", "cannot be used in a scheduling profile", 7)]
    public void Build_InvalidConfiguration_ErrorNamesProblemAndLine(string body, string message, int line)
    {
        var built = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1)).Build(Header + body);

        Assert.That(built.Succeeded, Is.False);
        var error = built.Diagnostics.Errors.First();
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Mark.Line, Is.EqualTo(line));
    }

    [Test]
    public void Build_UnknownParameter_WarnsWithLineAndStillBuilds()
    {
        var built = Build(Header + "plugins:\n- type: queue-scorer\n  parameters:\n    speed: 11\n");

        Assert.That(built.Succeeded, Is.True);
        Assert.That(built.Diagnostics.Warnings.Single().Message, Is.EqualTo("plugin 'queue-scorer' (queue-scorer): unknown parameter 'speed' ignored"));
        Assert.That(built.Diagnostics.Warnings.Single().Mark.Line, Is.EqualTo(6));
    }

    [Test]
    public void Build_WeightOnPicker_Warns()
    {
        var built = Build(Header + "plugins:\n- type: max-score-picker\nschedulingProfiles:\n- name: p\n  plugins:\n  - pluginRef: max-score-picker\n    weight: 3\n");

        Assert.That(built.Diagnostics.Warnings.Single().Message, Does.Contain("weight on 'max-score-picker' ignored"));
    }

    [Test]
    public void Build_ScorerParameters_Applied()
    {
        var built = Build(Header + """
            plugins:
            - type: queue-scorer
              parameters: {blendInFlight: false}
            - type: token-load-scorer
              parameters: {queueThresholdTokens: 1000}
            - type: predicted-ttft-scorer
              parameters: {overheadMs: 10, prefillTokensPerSecond: 20000, queueDrainRequestsPerSecond: 8}
            """);

        var scorers = built.Scheduler!.Profiles[0].Scorers.Select(s => s.Scorer).ToList();
        Assert.That(scorers.OfType<QueueScorer>().Single().BlendInFlight, Is.False);
        Assert.That(scorers.OfType<TokenLoadScorer>().Single().QueueThresholdTokens, Is.EqualTo(1000));
        Assert.That(scorers.OfType<PredictedTtftScorer>().Single().Model, Is.EqualTo(new TtftModel { OverheadSeconds = 0.01, PrefillTokensPerSecond = 20000, QueueDrainRequestsPerSecond = 8 }));
        Assert.That(built.Scheduler.Producers.Single(), Is.InstanceOf<ApproxPrefixCacheProducer>());
    }

    [TestCase("blockSizeTokens: 16", true)]
    [TestCase("lruCapacityPerServer: 100", false)]
    public void Build_Reload_KeepsPrefixIndexOnlyWhenIndexOptionsUnchanged(string parameter, bool reused)
    {
        var builder = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1));
        var first = builder.Build(SchedulerDefaults.ConfigText).Scheduler!;
        var changed = Header + $"plugins:\n- type: prefix-cache-scorer\n  parameters: {{{parameter}}}\n";

        var second = builder.Build(changed, previous: first).Scheduler!;

        var index = ((ApproxPrefixCacheProducer)first.Producers[0]).Index;
        Assert.That(ReferenceEquals(((ApproxPrefixCacheProducer)second.Producers[0]).Index, index), Is.EqualTo(reused));
    }

    private static SchedulerBuildResult Build(string text)
    {
        var built = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1)).Build(text);
        Assert.That(built.Diagnostics.Errors, Is.Empty);
        return built;
    }

    private static string Describe(PluginScheduler scheduler)
    {
        var producer = scheduler.Producers.OfType<ApproxPrefixCacheProducer>().SingleOrDefault();
        var producerText = producer is null
            ? "none"
            : $"{producer.Name}(block {producer.Parameters.BlockSizeTokens}, blocks {producer.Parameters.MaxPrefixBlocksToMatch}, lru {producer.Parameters.LruCapacityPerServer})";
        var profiles = scheduler.Profiles.Select(p =>
            $"profile {p.Name}: filters [{string.Join(", ", p.Filters.Select(f => f.Name))}] " +
            $"scorers [{string.Join(", ", p.Scorers.Select(s => $"{s.Scorer.Name}×{s.Weight}"))}] " +
            $"picker {p.Picker.Name}({p.Picker.MaxEndpoints})");
        return $"handler {scheduler.Handler.Type}; producer {producerText}; {string.Join("; ", profiles)}";
    }
}
