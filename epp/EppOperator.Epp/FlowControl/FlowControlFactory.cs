using System.Collections.Immutable;
using EppOperator.Epp.Config;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Maps an <see cref="EndpointPickerConfig"/> to admission: the <c>saturationDetector</c> (a declared
/// <c>utilization-detector</c> or <c>concurrency-detector</c> plugin, or the default utilization detector), and with
/// the <c>flowControl</c> feature gate the <c>flowControl</c> section's limits and each band's policies (declared
/// policy plugins, or policy type names). Problems are reported to the <see cref="ConfigDiagnostics"/> with their
/// line, like the scheduler's; the result is built from defaults where a value was wrong.
/// </summary>
/// <remarks>
/// A band listed in <c>priorityBands</c> takes unset fields from <c>defaultPriorityBand</c>. These settings are read
/// at start-up: a reloaded configuration file changes the scheduler, not admission.
/// </remarks>
internal static class FlowControlFactory
{
    public const string FeatureGate = "flowControl";

    /// <summary>Builds admission from <paramref name="config"/>; <paramref name="scrapeInterval"/> sets the re-check and the staleness floor.</summary>
    public static FlowControlSetup Build(EndpointPickerConfig config, TimeProvider time, ConfigDiagnostics diagnostics, TimeSpan? scrapeInterval = null)
    {
        var interval = scrapeInterval ?? FlowControlOptions.DefaultRecheckInterval;
        var detector = BuildDetector(config, time, diagnostics, interval);
        if (!config.HasFeatureGate(FeatureGate))
        {
            if (config.FlowControl is { } ignored) diagnostics.Warning($"'flowControl' has no effect without the '{FeatureGate}' feature gate", ignored.Mark);
            return new FlowControlSetup(detector, null);
        }

        return new FlowControlSetup(detector, BuildOptions(config, diagnostics) with { RecheckInterval = interval });
    }

    private static ISaturationDetector BuildDetector(EndpointPickerConfig config, TimeProvider time, ConfigDiagnostics d, TimeSpan scrapeInterval)
    {
        var section = config.SaturationDetector;
        var declared = config.Plugins.Where(p => p.Type is UtilizationDetector.TypeName or ConcurrencyDetector.TypeName).ToList();
        PluginSpec? spec = null;
        var type = UtilizationDetector.TypeName;
        if (section?.PluginRef is { Length: > 0 } reference)
        {
            spec = config.Plugins.FirstOrDefault(p => p.Name == reference);
            if (spec is not null && spec.Type is not (UtilizationDetector.TypeName or ConcurrencyDetector.TypeName))
            {
                d.Error($"saturationDetector.pluginRef '{reference}' names a {spec.Type}, not a saturation detector", section.Mark);
                spec = null;
            }
            else if (spec is null && reference is UtilizationDetector.TypeName or ConcurrencyDetector.TypeName)
            {
                type = reference;
            }
            else if (spec is null)
            {
                d.Error($"saturationDetector.pluginRef '{reference}' names no declared plugin (expected a {UtilizationDetector.TypeName} or {ConcurrencyDetector.TypeName})", section.Mark);
            }
        }
        else if (declared.Count == 1)
        {
            spec = declared[0];
        }
        else if (declared.Count > 1)
        {
            d.Error($"{declared.Count} saturation detectors are declared ({string.Join(", ", declared.Select(p => p.Name))}); choose one with saturationDetector.pluginRef", declared[1].Mark);
        }

        type = spec?.Type ?? type;
        var name = spec?.Name ?? type;
        var parameters = spec?.Parameters.Fresh() ?? PluginParameters.Empty;
        ISaturationDetector detector;
        try
        {
            detector = type == ConcurrencyDetector.TypeName
                ? Concurrency(name, parameters, section, d)
                : Utilization(name, parameters, section, time, scrapeInterval);
        }
        catch (ArgumentOutOfRangeException e)
        {
            d.Error($"saturation detector '{name}': {e.Message}", spec?.Mark ?? section?.Mark ?? ConfigMark.None);
            detector = new UtilizationDetector(UtilizationDetector.TypeName, time);
        }

        foreach (var error in parameters.Errors) d.Error($"plugin '{name}' ({type}): {error.Message}", error.Mark);
        foreach (var (key, mark) in parameters.UnreadKeys())
        {
            var why = key == "headroom" ? "headroom is not used: the detectors here do not filter endpoints" : $"unknown parameter '{key}' ignored";
            d.Warning($"plugin '{name}' ({type}): {why}", mark);
        }

        return detector;
    }

    private static UtilizationDetector Utilization(string name, PluginParameters p, SaturationDetectorConfig? section, TimeProvider time, TimeSpan scrapeInterval)
    {
        // The reference's 200 ms assumes its 50 ms scrape; slower scrapes would make every endpoint stale, so the
        // default never drops below four scrape intervals. The inline section form wins over plugin parameters.
        var defaultStaleness = TimeSpan.FromTicks(Math.Max(UtilizationDetector.DefaultStalenessThreshold.Ticks, 4 * scrapeInterval.Ticks));
        return new UtilizationDetector(
            name,
            time,
            section?.QueueDepthThreshold ?? p.GetInt("queueDepthThreshold", UtilizationDetector.DefaultQueueDepthThreshold, min: 1),
            section?.KvCacheUtilThreshold ?? p.GetDouble("kvCacheUtilThreshold", UtilizationDetector.DefaultKvCacheUtilThreshold, min: double.Epsilon, max: 1),
            section?.MetricsStalenessThreshold ?? p.GetDuration("metricsStalenessThreshold", defaultStaleness));
    }

    private static ConcurrencyDetector Concurrency(string name, PluginParameters p, SaturationDetectorConfig? section, ConfigDiagnostics d)
    {
        if (section is { QueueDepthThreshold: not null } or { KvCacheUtilThreshold: not null } or { MetricsStalenessThreshold: not null })
        {
            d.Warning($"saturationDetector thresholds apply to the {UtilizationDetector.TypeName} only; ignored for '{name}'", section.Mark);
        }

        var mode = p.GetString("concurrencyMode") switch
        {
            null or "requests" => ConcurrencyMode.Requests,
            "tokens" => ConcurrencyMode.Tokens,
            var other => Invalid(d, $"plugin '{name}' ({ConcurrencyDetector.TypeName}): concurrencyMode must be requests or tokens, got '{other}'", p.Mark),
        };
        return new ConcurrencyDetector(
            name,
            mode,
            p.GetInt("maxConcurrency", ConcurrencyDetector.DefaultMaxConcurrency, min: 1),
            p.GetLong("maxTokenConcurrency", ConcurrencyDetector.DefaultMaxTokenConcurrency, min: 1));
    }

    private static ConcurrencyMode Invalid(ConfigDiagnostics d, string message, ConfigMark mark)
    {
        d.Error(message, mark);
        return ConcurrencyMode.Requests;
    }

    private static FlowControlOptions BuildOptions(EndpointPickerConfig config, ConfigDiagnostics d)
    {
        var section = config.FlowControl;
        if (section is null) return new FlowControlOptions();

        // Only the static usage-limit policy (every band may fill the pool up to saturation 1) exists here.
        if (section.UsageLimitPolicyPluginRef is { Length: > 0 } usage) _ = PolicyType(config, usage, section.Mark, "usageLimitPolicyPluginRef", [FlowPolicies.StaticUsageLimitPolicy], d);

        var template = Band(config, section.DefaultPriorityBand, new BandOptions(), d);
        var bands = ImmutableDictionary.CreateBuilder<int, BandOptions>();
        foreach (var band in section.PriorityBands) bands[band.Priority] = Band(config, band, template, d) with { Priority = band.Priority };

        return new FlowControlOptions
        {
            MaxRequests = NonNegative(section.MaxRequests, "flowControl.maxRequests", section.Mark, d),
            MaxBytes = NonNegative(section.MaxBytes, "flowControl.maxBytes", section.Mark, d),
            DefaultRequestTtl = section.DefaultRequestTtl is { } ttl && ttl > TimeSpan.Zero ? ttl : TimeSpan.Zero,
            DefaultBand = template,
            Bands = bands.ToImmutable(),
        };
    }

    private static BandOptions Band(EndpointPickerConfig config, PriorityBandConfig? band, BandOptions inherited, ConfigDiagnostics d)
    {
        if (band is null) return inherited;
        var where = $"priority band {band.Priority}";
        return inherited with
        {
            MaxRequests = band.MaxRequests is null ? inherited.MaxRequests : NonNegative(band.MaxRequests, $"{where} maxRequests", band.Mark, d),
            MaxBytes = band.MaxBytes is null ? inherited.MaxBytes : NonNegative(band.MaxBytes, $"{where} maxBytes", band.Mark, d),
            FairnessPolicy = band.FairnessPolicyRef is { Length: > 0 } fairness
                ? PolicyType(config, fairness, band.Mark, $"{where} fairnessPolicyRef", FlowPolicies.FairnessTypes, d) ?? inherited.FairnessPolicy
                : inherited.FairnessPolicy,
            OrderingPolicy = band.OrderingPolicyRef is { Length: > 0 } ordering
                ? PolicyType(config, ordering, band.Mark, $"{where} orderingPolicyRef", FlowPolicies.OrderingTypes, d) ?? inherited.OrderingPolicy
                : inherited.OrderingPolicy,
        };
    }

    /// <summary>The policy type a reference means: a declared plugin's type, or a type name used directly.</summary>
    private static string? PolicyType(EndpointPickerConfig config, string reference, ConfigMark mark, string field, ImmutableArray<string> allowed, ConfigDiagnostics d)
    {
        var type = config.Plugins.FirstOrDefault(p => p.Name == reference)?.Type ?? reference;
        if (allowed.Contains(type)) return type;
        d.Error($"{field} '{reference}' must name a plugin of type {string.Join(" or ", allowed)}", mark);
        return null;
    }

    private static long NonNegative(long? value, string field, ConfigMark mark, ConfigDiagnostics d)
    {
        if (value is null or >= 0) return value ?? 0;
        d.Error($"{field} must not be negative (0 means unlimited), got {value}", mark);
        return 0;
    }
}
