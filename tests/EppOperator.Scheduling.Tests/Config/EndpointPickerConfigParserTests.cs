using EppOperator.Epp.Config;

namespace EppOperator.Scheduling.Tests.Config;

public sealed class EndpointPickerConfigParserTests
{
    private const string Header = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";

    [Test]
    public void Parse_ConfigTextExample_ReadsPluginsAndProfile()
    {
        var result = EndpointPickerConfigParser.Parse(ReferenceExamples.ConfigText);

        var config = result.Config!;
        Assert.That(result.Diagnostics.Items, Is.Empty);
        Assert.That(config.Plugins.Select(p => (p.Name, p.Type)), Is.EqualTo(new[] { ("prefix-cache-scorer", "prefix-cache-scorer") }));
        Assert.That(config.SchedulingProfiles.Single().Name, Is.EqualTo("default"));
        Assert.That(config.SchedulingProfiles.Single().Plugins.Single(), Is.EqualTo(new ProfilePluginRef("prefix-cache-scorer", 50, config.SchedulingProfiles.Single().Plugins.Single().Mark)));
    }

    [Test]
    public void Parse_FlowControlExample_TypedRecords()
    {
        var result = EndpointPickerConfigParser.Parse(ReferenceExamples.FlowControl);

        var flow = result.Config!.FlowControl!;
        Assert.That(result.Diagnostics.Errors, Is.Empty);
        Assert.That(flow.MaxBytes, Is.EqualTo(10L * 1024 * 1024 * 1024));
        Assert.That(flow.DefaultRequestTtl, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(flow.PriorityBands.Select(b => (b.Priority, b.MaxBytes, b.MaxRequests, b.FairnessPolicyRef, b.OrderingPolicyRef)), Is.EqualTo(new (int, long?, long?, string?, string?)[]
        {
            (100, 5L * 1024 * 1024 * 1024, 500, "round-robin-fairness-policy", null),
            (50, 2L * 1024 * 1024 * 1024, 200, null, "edf-ordering-policy"),
        }));
    }

    [Test]
    public void Parse_FullFlowControlSection_DefaultBandAndGlobalLimits()
    {
        var result = EndpointPickerConfigParser.Parse(ReferenceExamples.FlowControlFull);

        var flow = result.Config!.FlowControl!;
        Assert.That(result.Diagnostics.Errors, Is.Empty);
        Assert.That((flow.MaxRequests, flow.DefaultRequestTtl), Is.EqualTo(((long?)5000, (TimeSpan?)TimeSpan.FromSeconds(60))));
        Assert.That(flow.DefaultPriorityBand, Is.EqualTo(new PriorityBandConfig
        {
            MaxBytes = 1L << 30, MaxRequests = 1000, OrderingPolicyRef = "fcfs-ordering-policy", FairnessPolicyRef = "global-strict-fairness-policy", Mark = flow.DefaultPriorityBand!.Mark,
        }));
    }

    [Test]
    public void Parse_SaturationDetectorDataLayerParser_TypedRecords()
    {
        var result = EndpointPickerConfigParser.Parse(Header + """
            featureGates: [flowControl]
            plugins:
            - type: utilization-detector
              parameters: {queueDepthThreshold: 10}
            - type: metrics-data-source
            - type: core-metrics-extractor
            - type: openai-parser
            saturationDetector:
              pluginRef: utilization-detector
            dataLayer:
              sources:
              - pluginRef: metrics-data-source
                extractors:
                - pluginRef: core-metrics-extractor
            parser:
              pluginRef: openai-parser
            """);

        var config = result.Config!;
        Assert.That(result.Diagnostics.Errors, Is.Empty);
        Assert.That(config.FeatureGates, Is.EqualTo(new[] { "flowControl" }));
        Assert.That(config.SaturationDetector!.PluginRef, Is.EqualTo("utilization-detector"));
        Assert.That(config.DataLayer!.Sources.Single().PluginRef, Is.EqualTo("metrics-data-source"));
        Assert.That(config.DataLayer.Sources.Single().Extractors, Is.EqualTo(new[] { "core-metrics-extractor" }));
        Assert.That(config.Parser!.PluginRef, Is.EqualTo("openai-parser"));
    }

    [Test]
    public void Parse_LlmdApiVersion_Accepted()
    {
        var result = EndpointPickerConfigParser.Parse("apiVersion: llm-d.ai/v1alpha1\nkind: EndpointPickerConfig\nplugins: []\n");

        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("apiVersion: v1\nkind: EndpointPickerConfig\n", "unsupported apiVersion 'v1'", 1)]
    [TestCase("kind: EndpointPickerConfig\n", "'apiVersion' is required", 1)]
    [TestCase(Header + "kind2: x\n", "unknown top-level key 'kind2'", 3)]
    [TestCase(Header + "plugins:\n- type: queue-scorer\n  weight: 2\n", "unknown key 'weight' in a plugins entry", 5)]
    [TestCase(Header + "plugins:\n- name: a\n", "a plugins entry has no 'type'", 4)]
    [TestCase(Header + "plugins:\n- type: queue-scorer\n- type: queue-scorer\n", "plugin name 'queue-scorer' is declared twice", 5)]
    [TestCase(Header + "featureGates: [teleport]\n", "unknown feature gate 'teleport'", 3)]
    [TestCase(Header + "schedulingProfiles:\n- name: p\n  plugins:\n  - pluginRef: x\n    weight: heavy\n", "'weight' must be a number", 7)]
    [TestCase(Header + "flowControl:\n  maxBytes: lots\n", "'maxBytes' must be a byte quantity", 4)]
    [TestCase(Header + "flowControl:\n  defaultRequestTTL: 30\n", "'defaultRequestTTL' must be a duration", 4)]
    [TestCase(Header + "flowControl:\n  priorityBands:\n  - maxBytes: 1Gi\n", "a priorityBands entry has no 'priority'", 5)]
    [TestCase(Header + "plugins: {a: b}\n", "'plugins' must be a list", 3)]
    [TestCase(Header + "plugins:\n- type: x\n  parameters: [1]\n", "plugin 'parameters' must be a mapping", 5)]
    [TestCase("plugins: [\n", "invalid YAML", 2)]
    [TestCase("", "the configuration is empty", 0)]
    public void Parse_InvalidDocument_ErrorNamesKeyAndLine(string text, string message, int line)
    {
        var result = EndpointPickerConfigParser.Parse(text);

        Assert.That(result.Succeeded, Is.False);
        var error = result.Diagnostics.Errors.First();
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Mark.Line, Is.EqualTo(line));
    }
}
