using EppOperator.Epp.Config;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Host;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>The <c>EndpointPickerConfig</c> sections admission reads: <c>saturationDetector</c>, <c>featureGates</c>, <c>flowControl</c>.</summary>
[TestFixture]
public sealed class FlowControlFactoryTests
{
    private const string Head = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";

    [Test]
    public void Build_NothingConfigured_UtilizationDetectorWithReferenceDefaultsAndLegacyAdmission()
    {
        // Act
        var (setup, diagnostics) = Build("plugins:\n- type: queue-scorer\n");

        // Assert
        var detector = (UtilizationDetector)setup.Detector;
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Items, Is.Empty);
            Assert.That(setup.FlowControl, Is.Null);
            Assert.That((detector.Name, detector.QueueDepthThreshold, detector.KvCacheUtilThreshold, detector.StalenessThreshold),
                Is.EqualTo((UtilizationDetector.TypeName, 5, 0.8, TimeSpan.FromMilliseconds(200))));
        });
    }

    [Test]
    public void Build_DeclaredUtilizationDetector_ParametersUsed()
    {
        var (setup, diagnostics) = Build("""
            plugins:
            - name: util
              type: utilization-detector
              parameters: {queueDepthThreshold: 3, kvCacheUtilThreshold: 0.9, metricsStalenessThreshold: 1s}
            saturationDetector: {pluginRef: util}
            """);

        var detector = (UtilizationDetector)setup.Detector;
        Assert.That(diagnostics.Items, Is.Empty);
        Assert.That((detector.Name, detector.QueueDepthThreshold, detector.KvCacheUtilThreshold, detector.StalenessThreshold), Is.EqualTo(("util", 3, 0.9, TimeSpan.FromSeconds(1))));
    }

    [Test]
    public void Build_InlineThresholdForm_Applied()
    {
        var (setup, _) = Build("saturationDetector: {queueDepthThreshold: 8, kvCacheUtilThreshold: 0.7, metricsStalenessThreshold: 300ms}\n");

        var detector = (UtilizationDetector)setup.Detector;
        Assert.That((detector.QueueDepthThreshold, detector.KvCacheUtilThreshold, detector.StalenessThreshold), Is.EqualTo((8, 0.7, TimeSpan.FromMilliseconds(300))));
    }

    [Test]
    public void Build_SlowScrapeInterval_StalenessDefaultCoversFourScrapes()
    {
        var config = EndpointPickerConfigParser.Parse(Head).Config!;

        var setup = FlowControlFactory.Build(config, TimeProvider.System, new ConfigDiagnostics(), TimeSpan.FromSeconds(1));

        Assert.That(((UtilizationDetector)setup.Detector).StalenessThreshold, Is.EqualTo(TimeSpan.FromSeconds(4)));
    }

    [Test]
    public void Build_OnlyDeclaredDetectorIsConcurrency_ItIsUsedWithoutAReference()
    {
        var (setup, diagnostics) = Build("""
            plugins:
            - type: concurrency-detector
              parameters: {concurrencyMode: tokens, maxTokenConcurrency: 50000, headroom: 0.1}
            """);

        var detector = (ConcurrencyDetector)setup.Detector;
        Assert.Multiple(() =>
        {
            Assert.That((detector.Mode, detector.MaxTokenConcurrency, detector.MaxConcurrency), Is.EqualTo((ConcurrencyMode.Tokens, 50_000L, 100)));
            Assert.That(diagnostics.Errors, Is.Empty);
            Assert.That(diagnostics.Warnings.Single().Message, Does.Contain("headroom is not used"));
        });
    }

    [Test]
    public void Build_FlowControlGate_SectionMappedWithBandsInheritingTheDefaultBand()
    {
        // Arrange
        var (setup, diagnostics) = Build("""
            featureGates: [flowControl]
            plugins:
            - name: fair
              type: round-robin-fairness-policy
            - type: edf-ordering-policy
            flowControl:
              maxRequests: 500
              maxBytes: 64Mi
              defaultRequestTTL: 30s
              defaultPriorityBand: {maxRequests: 100, fairnessPolicyRef: fair}
              priorityBands:
              - {priority: 10, orderingPolicyRef: edf-ordering-policy, maxBytes: 1Mi}
              - {priority: -1, maxRequests: 20, fairnessPolicyRef: global-strict-fairness-policy}
              usageLimitPolicyPluginRef: static-usage-limit-policy
            """);

        // Assert
        var options = setup.FlowControl!;
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Items, Is.Empty);
            Assert.That((options.MaxRequests, options.MaxBytes, options.DefaultRequestTtl), Is.EqualTo((500L, 64L * 1024 * 1024, TimeSpan.FromSeconds(30))));
            Assert.That(options.BandFor(3), Is.EqualTo(new BandOptions { Priority = 3, MaxRequests = 100, FairnessPolicy = RoundRobinFairnessPolicy.TypeName }));
            Assert.That(options.BandFor(10), Is.EqualTo(new BandOptions
            {
                Priority = 10, MaxRequests = 100, MaxBytes = 1024 * 1024, FairnessPolicy = RoundRobinFairnessPolicy.TypeName, OrderingPolicy = EdfOrderingPolicy.TypeName,
            }));
            Assert.That(options.BandFor(-1), Is.EqualTo(new BandOptions { Priority = -1, MaxRequests = 20, FairnessPolicy = GlobalStrictFairnessPolicy.TypeName }));
        });
    }

    [Test]
    public void Build_FlowControlSectionWithoutTheGate_WarnsAndStaysLegacy()
    {
        var (setup, diagnostics) = Build("flowControl: {maxRequests: 5}\n");

        Assert.That(setup.FlowControl, Is.Null);
        Assert.That(diagnostics.Warnings.Single().Message, Does.Contain("feature gate"));
    }

    [TestCase("saturationDetector: {pluginRef: nope}\n", "saturationDetector.pluginRef 'nope' names no declared plugin")]
    [TestCase("plugins:\n- type: queue-scorer\nsaturationDetector: {pluginRef: queue-scorer}\n", "names a queue-scorer, not a saturation detector")]
    [TestCase("plugins:\n- {name: a, type: utilization-detector}\n- {name: b, type: concurrency-detector}\n", "2 saturation detectors are declared (a, b)")]
    [TestCase("plugins:\n- type: concurrency-detector\n  parameters: {concurrencyMode: bytes}\n", "concurrencyMode must be requests or tokens, got 'bytes'")]
    [TestCase("plugins:\n- type: utilization-detector\n  parameters: {kvCacheUtilThreshold: 1.5}\n", "parameter 'kvCacheUtilThreshold' must be a number in")]
    [TestCase("featureGates: [flowControl]\nflowControl: {maxRequests: -1}\n", "flowControl.maxRequests must not be negative")]
    [TestCase("featureGates: [flowControl]\nflowControl:\n  priorityBands: [{priority: 1, fairnessPolicyRef: fcfs-ordering-policy}]\n", "priority band 1 fairnessPolicyRef 'fcfs-ordering-policy' must name a plugin of type global-strict-fairness-policy or round-robin-fairness-policy")]
    [TestCase("featureGates: [flowControl]\nflowControl: {defaultPriorityBand: {orderingPolicyRef: lifo}}\n", "orderingPolicyRef 'lifo' must name a plugin of type")]
    [TestCase("featureGates: [flowControl]\nflowControl: {usageLimitPolicyPluginRef: priority-holdback-policy}\n", "usageLimitPolicyPluginRef 'priority-holdback-policy' must name a plugin of type static-usage-limit-policy")]
    public void Build_InvalidAdmissionConfig_ErrorSaysWhat(string yaml, string expected)
    {
        var (_, diagnostics) = Build(yaml);

        Assert.That(diagnostics.Errors.Select(e => e.Message), Has.Some.Contains(expected));
    }

    [Test]
    public void Bind_ConfigTextWithInvalidFlowControl_ErrorNamesFlagAndLine()
    {
        // Arrange
        var command = new EppCommandLine();
        var errors = new List<string>();
        var text = Head + "featureGates: [flowControl]\nflowControl:\n  maxBytes: 1Gi\n  maxRequests: -5\n";

        // Act
        var options = command.Bind(command.Root.Parse(["--endpoints", "10.0.0.1:8000", "--config-text", text]), new Dictionary<string, string?>(), errors);

        // Assert
        Assert.That(options, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { "--config-text: flowControl.maxRequests must not be negative (0 means unlimited), got -5 (line 5, column 3)" }));
    }

    private static (FlowControlSetup Setup, ConfigDiagnostics Diagnostics) Build(string yaml)
    {
        var parsed = EndpointPickerConfigParser.Parse(Head + yaml);
        Assert.That(parsed.Diagnostics.Errors, Is.Empty, "the parser accepts the document");
        var diagnostics = new ConfigDiagnostics();
        return (FlowControlFactory.Build(parsed.Config!, TimeProvider.System, diagnostics), diagnostics);
    }
}
