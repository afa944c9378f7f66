using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EppOperator.Epp.Config;

/// <summary>
/// Reads <c>EndpointPickerConfig</c> YAML strictly, as the reference decodes its top level: an unknown key anywhere
/// outside plugin parameters, a wrong type, an unknown feature gate or a duplicate name is an error that names the
/// key and its line. Plugin parameters are kept as YAML for the plugin factories (see <see cref="PluginParameters"/>).
/// </summary>
internal static class EndpointPickerConfigParser
{
    /// <summary>Feature gates the reference registers (dataLayer is accepted as a no-op, prepareDataPlugins from llm-d).</summary>
    public static readonly ImmutableArray<string> KnownFeatureGates = ["flowControl", "enableLegacyMetrics", "dataLayer", "prepareDataPlugins"];

    public static ConfigParseResult Parse(string text)
    {
        var diagnostics = new ConfigDiagnostics();
        YamlStream stream;
        try
        {
            stream = [];
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Error($"invalid YAML: {e.Message}", ConfigMark.From(e.Start));
            return new ConfigParseResult(null, diagnostics);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            diagnostics.Error("the configuration is empty", ConfigMark.None);
            return new ConfigParseResult(null, diagnostics);
        }

        if (stream.Documents.Count > 1) diagnostics.Error("the configuration must be a single YAML document", ConfigMark.From(stream.Documents[1].RootNode.Start));
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Error("the configuration must be a mapping with apiVersion, kind, plugins and schedulingProfiles", ConfigMark.From(stream.Documents[0].RootNode.Start));
            return new ConfigParseResult(null, diagnostics);
        }

        var config = ReadRoot(root, diagnostics);
        return new ConfigParseResult(diagnostics.HasErrors ? null : config, diagnostics);
    }

    private static EndpointPickerConfig ReadRoot(YamlMappingNode root, ConfigDiagnostics d)
    {
        string? apiVersion = null, kind = null;
        var config = new EndpointPickerConfig();
        foreach (var (key, value, name) in Entries(root, "the configuration", d))
        {
            switch (name)
            {
                case "apiVersion":
                    apiVersion = String(value, name, d);
                    break;
                case "kind":
                    kind = String(value, name, d);
                    break;
                case "featureGates":
                    config = config with { FeatureGates = ReadFeatureGates(value, d) };
                    break;
                case "plugins":
                    config = config with { Plugins = ReadPlugins(value, d) };
                    break;
                case "schedulingProfiles":
                    config = config with { SchedulingProfiles = ReadProfiles(value, d) };
                    break;
                case "saturationDetector":
                    config = config with { SaturationDetector = ReadSaturationDetector(value, d) };
                    break;
                case "dataLayer" or "data":
                    if (config.DataLayer is not null) d.Error("both 'dataLayer' and 'data' are set; use 'dataLayer'", Mark(key));
                    config = config with { DataLayer = ReadDataLayer(value, name, d) };
                    break;
                case "flowControl":
                    config = config with { FlowControl = ReadFlowControl(value, d) };
                    break;
                case "parser":
                    config = config with { Parser = ReadParser(value, d) };
                    break;
                default:
                    d.Error($"unknown top-level key '{name}'", Mark(key));
                    break;
            }
        }

        if (apiVersion is null) d.Error($"'apiVersion' is required ({EndpointPickerConfig.ApiVersionGaie})", Mark(root));
        else if (apiVersion is not (EndpointPickerConfig.ApiVersionGaie or EndpointPickerConfig.ApiVersionLlmD))
        {
            d.Error($"unsupported apiVersion '{apiVersion}'; expected {EndpointPickerConfig.ApiVersionGaie} or {EndpointPickerConfig.ApiVersionLlmD}", MarkOf(root, "apiVersion"));
        }

        if (kind is null) d.Error($"'kind' is required ({EndpointPickerConfig.ConfigKind})", Mark(root));
        else if (kind != EndpointPickerConfig.ConfigKind) d.Error($"unsupported kind '{kind}'; expected {EndpointPickerConfig.ConfigKind}", MarkOf(root, "kind"));

        return config with { ApiVersion = apiVersion ?? "", Kind = kind ?? "" };
    }

    private static ImmutableArray<string> ReadFeatureGates(YamlNode node, ConfigDiagnostics d)
    {
        var gates = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Sequence(node, "featureGates", d))
        {
            if (String(item, "featureGates entry", d) is not { } gate) continue;
            if (!KnownFeatureGates.Contains(gate)) d.Error($"unknown feature gate '{gate}'; known: {string.Join(", ", KnownFeatureGates)}", Mark(item));
            else gates.Add(gate);
        }

        return gates.ToImmutable();
    }

    private static ImmutableArray<PluginSpec> ReadPlugins(YamlNode node, ConfigDiagnostics d)
    {
        var plugins = ImmutableArray.CreateBuilder<PluginSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Sequence(node, "plugins", d))
        {
            if (item is not YamlMappingNode mapping)
            {
                d.Error("each plugins entry must be a mapping with 'type' (and optional 'name', 'parameters')", Mark(item));
                continue;
            }

            string? name = null, type = null;
            var parameters = PluginParameters.Empty;
            foreach (var (key, value, field) in Entries(mapping, "a plugins entry", d))
            {
                switch (field)
                {
                    case "name":
                        name = String(value, field, d);
                        break;
                    case "type":
                        type = String(value, field, d);
                        break;
                    case "parameters":
                        parameters = value switch
                        {
                            YamlMappingNode map => new PluginParameters(map, Mark(value)),
                            YamlScalarNode { Value: null or "" or "null" or "~" } => PluginParameters.Empty,
                            _ => Invalid(d, "plugin 'parameters' must be a mapping", value, PluginParameters.Empty),
                        };
                        break;
                    default:
                        d.Error($"unknown key '{field}' in a plugins entry (expected name, type, parameters)", Mark(key));
                        break;
                }
            }

            if (string.IsNullOrEmpty(type))
            {
                d.Error("a plugins entry has no 'type'", Mark(mapping));
                continue;
            }

            name = string.IsNullOrEmpty(name) ? type : name;
            if (!names.Add(name)) d.Error($"plugin name '{name}' is declared twice", Mark(mapping));
            plugins.Add(new PluginSpec(name, type, parameters, Mark(mapping)));
        }

        return plugins.ToImmutable();
    }

    private static ImmutableArray<SchedulingProfileSpec> ReadProfiles(YamlNode node, ConfigDiagnostics d)
    {
        var profiles = ImmutableArray.CreateBuilder<SchedulingProfileSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Sequence(node, "schedulingProfiles", d))
        {
            if (item is not YamlMappingNode mapping)
            {
                d.Error("each schedulingProfiles entry must be a mapping with 'name' and 'plugins'", Mark(item));
                continue;
            }

            string? name = null;
            var refs = ImmutableArray<ProfilePluginRef>.Empty;
            foreach (var (key, value, field) in Entries(mapping, "a schedulingProfiles entry", d))
            {
                switch (field)
                {
                    case "name":
                        name = String(value, field, d);
                        break;
                    case "plugins":
                        refs = ReadProfilePlugins(value, d);
                        break;
                    default:
                        d.Error($"unknown key '{field}' in a schedulingProfiles entry (expected name, plugins)", Mark(key));
                        break;
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                d.Error("a schedulingProfiles entry has no 'name'", Mark(mapping));
                continue;
            }

            if (!names.Add(name)) d.Error($"scheduling profile '{name}' is declared twice", Mark(mapping));
            profiles.Add(new SchedulingProfileSpec(name, refs, Mark(mapping)));
        }

        return profiles.ToImmutable();
    }

    private static ImmutableArray<ProfilePluginRef> ReadProfilePlugins(YamlNode node, ConfigDiagnostics d)
    {
        var refs = ImmutableArray.CreateBuilder<ProfilePluginRef>();
        foreach (var item in Sequence(node, "profile plugins", d))
        {
            if (item is not YamlMappingNode mapping)
            {
                d.Error("each profile plugins entry must be a mapping with 'pluginRef' (and optional 'weight')", Mark(item));
                continue;
            }

            string? pluginRef = null;
            double? weight = null;
            foreach (var (key, value, field) in Entries(mapping, "a profile plugins entry", d))
            {
                switch (field)
                {
                    case "pluginRef":
                        pluginRef = String(value, field, d);
                        break;
                    case "weight":
                        weight = Number(value, field, d);
                        break;
                    default:
                        d.Error($"unknown key '{field}' in a profile plugins entry (expected pluginRef, weight)", Mark(key));
                        break;
                }
            }

            if (string.IsNullOrEmpty(pluginRef)) d.Error("a profile plugins entry has no 'pluginRef'", Mark(mapping));
            else refs.Add(new ProfilePluginRef(pluginRef, weight, Mark(mapping)));
        }

        return refs.ToImmutable();
    }

    private static SaturationDetectorConfig? ReadSaturationDetector(YamlNode node, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (Mapping(node, "saturationDetector", d) is not { } mapping) return null;
        var config = new SaturationDetectorConfig { Mark = Mark(node) };
        foreach (var (key, value, field) in Entries(mapping, "saturationDetector", d))
        {
            config = field switch
            {
                "pluginRef" => config with { PluginRef = String(value, field, d) },
                "queueDepthThreshold" => config with { QueueDepthThreshold = (int?)Integer(value, field, d) },
                "kvCacheUtilThreshold" => config with { KvCacheUtilThreshold = Number(value, field, d) },
                "metricsStalenessThreshold" => config with { MetricsStalenessThreshold = Duration(value, field, d) },
                _ => Invalid(d, $"unknown key '{field}' in saturationDetector (expected pluginRef)", key, config),
            };
        }

        return config;
    }

    private static DataLayerConfig? ReadDataLayer(YamlNode node, string section, ConfigDiagnostics d)
    {
        if (IsNull(node)) return new DataLayerConfig([], Mark(node));
        if (Mapping(node, section, d) is not { } mapping) return null;
        var sources = ImmutableArray.CreateBuilder<DataLayerSourceConfig>();
        foreach (var (key, value, field) in Entries(mapping, section, d))
        {
            if (field != "sources")
            {
                d.Error($"unknown key '{field}' in {section} (expected sources)", Mark(key));
                continue;
            }

            foreach (var item in Sequence(value, "sources", d))
            {
                if (Mapping(item, "a sources entry", d) is not { } source) continue;
                string? pluginRef = null;
                var extractors = ImmutableArray.CreateBuilder<string>();
                foreach (var (sk, sv, sf) in Entries(source, "a sources entry", d))
                {
                    switch (sf)
                    {
                        case "pluginRef":
                            pluginRef = String(sv, sf, d);
                            break;
                        case "extractors":
                            foreach (var extractor in Sequence(sv, "extractors", d))
                            {
                                if (Mapping(extractor, "an extractors entry", d) is not { } em) continue;
                                foreach (var (ek, ev, ef) in Entries(em, "an extractors entry", d))
                                {
                                    if (ef == "pluginRef" && String(ev, ef, d) is { } r) extractors.Add(r);
                                    else if (ef != "pluginRef") d.Error($"unknown key '{ef}' in an extractors entry (expected pluginRef)", Mark(ek));
                                }
                            }

                            break;
                        default:
                            d.Error($"unknown key '{sf}' in a sources entry (expected pluginRef, extractors)", Mark(sk));
                            break;
                    }
                }

                if (string.IsNullOrEmpty(pluginRef)) d.Error("a sources entry has no 'pluginRef'", Mark(item));
                else sources.Add(new DataLayerSourceConfig(pluginRef, extractors.ToImmutable(), Mark(item)));
            }
        }

        return new DataLayerConfig(sources.ToImmutable(), Mark(node));
    }

    private static FlowControlConfig? ReadFlowControl(YamlNode node, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (Mapping(node, "flowControl", d) is not { } mapping) return null;
        var config = new FlowControlConfig { Mark = Mark(node) };
        foreach (var (key, value, field) in Entries(mapping, "flowControl", d))
        {
            switch (field)
            {
                case "maxBytes":
                    config = config with { MaxBytes = Quantity(value, field, d) };
                    break;
                case "maxRequests":
                    config = config with { MaxRequests = Integer(value, field, d) };
                    break;
                case "defaultRequestTTL":
                    config = config with { DefaultRequestTtl = Duration(value, field, d) };
                    break;
                case "defaultPriorityBand":
                    config = config with { DefaultPriorityBand = ReadBand(value, requirePriority: false, d) };
                    break;
                case "priorityBands":
                    var bands = ImmutableArray.CreateBuilder<PriorityBandConfig>();
                    var priorities = new HashSet<int>();
                    foreach (var item in Sequence(value, field, d))
                    {
                        if (ReadBand(item, requirePriority: true, d) is not { } band) continue;
                        if (!priorities.Add(band.Priority)) d.Error($"priority band {band.Priority} is declared twice", Mark(item));
                        bands.Add(band);
                    }

                    config = config with { PriorityBands = bands.ToImmutable() };
                    break;
                case "usageLimitPolicyPluginRef":
                    config = config with { UsageLimitPolicyPluginRef = String(value, field, d) };
                    break;
                default:
                    d.Error($"unknown key '{field}' in flowControl", Mark(key));
                    break;
            }
        }

        return config;
    }

    private static PriorityBandConfig? ReadBand(YamlNode node, bool requirePriority, ConfigDiagnostics d)
    {
        if (Mapping(node, "a priority band", d) is not { } mapping) return null;
        var band = new PriorityBandConfig { Mark = Mark(node) };
        var hasPriority = false;
        foreach (var (key, value, field) in Entries(mapping, "a priority band", d))
        {
            switch (field)
            {
                case "priority":
                    hasPriority = true;
                    band = band with { Priority = (int)(Integer(value, field, d) ?? 0) };
                    break;
                case "maxBytes":
                    band = band with { MaxBytes = Quantity(value, field, d) };
                    break;
                case "maxRequests":
                    band = band with { MaxRequests = Integer(value, field, d) };
                    break;
                case "fairnessPolicyRef":
                    band = band with { FairnessPolicyRef = String(value, field, d) };
                    break;
                case "orderingPolicyRef":
                    band = band with { OrderingPolicyRef = String(value, field, d) };
                    break;
                default:
                    d.Error($"unknown key '{field}' in a priority band", Mark(key));
                    break;
            }
        }

        if (requirePriority && !hasPriority) d.Error("a priorityBands entry has no 'priority'", Mark(node));
        return band;
    }

    private static ParserConfig? ReadParser(YamlNode node, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (Mapping(node, "parser", d) is not { } mapping) return null;
        string? pluginRef = null;
        foreach (var (key, value, field) in Entries(mapping, "parser", d))
        {
            if (field == "pluginRef") pluginRef = String(value, field, d);
            else d.Error($"unknown key '{field}' in parser (expected pluginRef)", Mark(key));
        }

        if (string.IsNullOrEmpty(pluginRef))
        {
            d.Error("parser has no 'pluginRef'", Mark(node));
            return null;
        }

        return new ParserConfig(pluginRef, Mark(node));
    }

    // --- YAML helpers: every mismatch is reported with the node's position ---
    private static IEnumerable<(YamlNode Key, YamlNode Value, string Name)> Entries(YamlMappingNode mapping, string where, ConfigDiagnostics d)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name }) yield return (key, value, name);
            else d.Error($"keys in {where} must be plain names", Mark(key));
        }
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (IsNull(node)) return [];
        if (node is YamlSequenceNode sequence) return sequence.Children;
        d.Error($"'{field}' must be a list", Mark(node));
        return [];
    }

    private static YamlMappingNode? Mapping(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (node is YamlMappingNode mapping) return mapping;
        d.Error($"'{field}' must be a mapping", Mark(node));
        return null;
    }

    private static string? String(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (node is YamlScalarNode scalar) return IsNull(node) ? null : scalar.Value;
        d.Error($"'{field}' must be a string", Mark(node));
        return null;
    }

    private static double? Number(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        d.Error($"'{field}' must be a number", Mark(node));
        return null;
    }

    private static long? Integer(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        d.Error($"'{field}' must be an integer", Mark(node));
        return null;
    }

    private static TimeSpan? Duration(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Value: { } text } && GoDuration.TryParse(text, out var value)) return value;
        d.Error($"'{field}' must be a duration such as 500ms or 30s", Mark(node));
        return null;
    }

    private static long? Quantity(YamlNode node, string field, ConfigDiagnostics d)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Value: { } text } && ResourceQuantity.TryParseBytes(text, out var value)) return value;
        d.Error($"'{field}' must be a byte quantity such as 512Mi, 10Gi or 1000000", Mark(node));
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted), Value: null or "" or "null" or "~" };

    private static T Invalid<T>(ConfigDiagnostics d, string message, YamlNode node, T value)
    {
        d.Error(message, Mark(node));
        return value;
    }

    private static ConfigMark Mark(YamlNode node) => ConfigMark.From(node.Start);

    private static ConfigMark MarkOf(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key) return Mark(v);
        }

        return Mark(mapping);
    }
}
