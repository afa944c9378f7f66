using System.Collections.Immutable;
using EppOperator.Epp.Prefix;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.Filters;
using EppOperator.Epp.Scheduling.Pickers;
using EppOperator.Epp.Scheduling.Profiles;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Epp.Scheduling.Scorers;

namespace EppOperator.Epp.Config;

/// <summary>
/// Turns an <see cref="EndpointPickerConfig"/> into a <see cref="PluginScheduler"/>, applying the reference's system
/// defaults: no profiles → a <c>default</c> profile with every filter, scorer and picker (weight 1); a profile
/// without a picker → <c>max-score-picker</c>; one profile and no handler → <c>single-profile-handler</c>;
/// <c>prefix-cache-scorer</c> without a producer → an <c>approx-prefix-cache-producer</c> with the scorer's
/// parameters; in-flight accounting always. Extensions on by default (<see cref="SchedulerDefaults"/>) are added here.
/// </summary>
internal sealed class SchedulerBuilder(PluginRegistry registry, SchedulerMetrics? metrics, TimeProvider time, Random random)
{
    /// <summary>Parses and builds; <paramref name="previous"/> lends its prefix index when the index options are unchanged.</summary>
    public SchedulerBuildResult Build(string configText, PluginScheduler? previous = null)
    {
        var parsed = EndpointPickerConfigParser.Parse(configText);
        return parsed.Config is null
            ? new SchedulerBuildResult(null, null, parsed.Diagnostics, [])
            : Build(parsed.Config, parsed.Diagnostics, previous);
    }

    public SchedulerBuildResult Build(EndpointPickerConfig config, ConfigDiagnostics diagnostics, PluginScheduler? previous = null)
    {
        var reusable = previous?.Producers.OfType<ApproxPrefixCacheProducer>().Select(p => p.Index).ToList() ?? [];
        PrefixIndex IndexFor(PrefixIndexOptions options) => reusable.Find(i => i.Options == options) ?? new PrefixIndex(options);
        var liveness = previous?.Liveness ?? new EndpointLiveness();

        var instances = Instantiate(config, diagnostics, IndexFor, liveness);
        var profiles = BuildProfiles(config, instances, diagnostics, liveness);
        var handler = ChooseHandler(instances, profiles, diagnostics);
        var producer = ChooseProducer(instances, profiles, diagnostics, IndexFor);
        var hooks = new List<IRequestLifecycleHook>();
        if (producer is not null) hooks.Add(producer);
        hooks.Add(instances.Values.OfType<InFlightLoadTracker>().FirstOrDefault() ?? new InFlightLoadTracker(InFlightLoadTracker.TypeName, liveness, time));
        var external = instances.Values.OfType<ExternalPlugin>().ToImmutableArray();

        if (diagnostics.HasErrors || handler is null) return new SchedulerBuildResult(null, config, diagnostics, external);
        var scheduler = new PluginScheduler(handler, profiles, producer is null ? [] : [producer], hooks, metrics, time, random, liveness);
        return new SchedulerBuildResult(scheduler, config, diagnostics, external);
    }

    private Dictionary<string, object> Instantiate(EndpointPickerConfig config, ConfigDiagnostics d, Func<PrefixIndexOptions, PrefixIndex> indexFor, EndpointLiveness liveness)
    {
        var instances = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var spec in config.Plugins)
        {
            if (!registry.TryGetFactory(spec.Type, out var factory))
            {
                d.Error(PluginRegistry.DescribeUnknown(spec.Type), spec.Mark);
                continue;
            }

            var parameters = spec.Parameters.Fresh();
            object plugin;
            try
            {
                plugin = factory(new PluginFactoryContext(spec.Name, spec.Type, parameters, metrics, indexFor, liveness, time));
            }
            catch (ArgumentException e)
            {
                d.Error($"plugin '{spec.Name}' ({spec.Type}): {e.Message}", spec.Mark);
                continue;
            }

            foreach (var error in parameters.Errors) d.Error($"plugin '{spec.Name}' ({spec.Type}): {error.Message}", error.Mark);
            if (plugin is not ExternalPlugin)
            {
                foreach (var (key, mark) in parameters.UnreadKeys()) d.Warning($"plugin '{spec.Name}' ({spec.Type}): unknown parameter '{key}' ignored", mark);
            }

            instances[spec.Name] = plugin;
        }

        return instances;
    }

    private static List<SchedulerProfile> BuildProfiles(EndpointPickerConfig config, Dictionary<string, object> instances, ConfigDiagnostics d, EndpointLiveness liveness)
    {
        var specs = config.SchedulingProfiles;
        if (specs.IsEmpty)
        {
            // The reference's default: one profile with every instantiated filter, scorer and picker.
            var refs = config.Plugins
                .Where(p => instances.TryGetValue(p.Name, out var i) && i is IFilter or IScorer or IPicker)
                .Select(p => new ProfilePluginRef(p.Name, null, p.Mark));
            specs = [new SchedulingProfileSpec(SchedulerDefaults.DefaultProfileName, [.. refs], ConfigMark.None)];
        }

        var stale = instances.Values.OfType<StaleMetricsFilter>().FirstOrDefault()
            ?? (SchedulerDefaults.StaleMetricsFilter
                ? new StaleMetricsFilter(UniqueName(instances, StaleMetricsFilter.TypeName), StaleMetricsFilter.DefaultStaleAfter, StaleMetricsFilter.DefaultExcludeAfter, StaleMetricsFilter.DefaultStaleWeight, StaleMetricsFilter.DefaultMinFreshFraction, liveness)
                : null);
        IPicker? defaultPicker = null;
        var profiles = new List<SchedulerProfile>();
        foreach (var spec in specs)
        {
            var filters = new List<IFilter>();
            var scorers = new List<WeightedScorer>();
            var adjusters = new List<IScoreAdjuster>();
            IPicker? picker = null;
            foreach (var reference in spec.Plugins)
            {
                if (!instances.TryGetValue(reference.PluginRef, out var plugin))
                {
                    d.Error($"scheduling profile '{spec.Name}' references plugin '{reference.PluginRef}', which is not declared", reference.Mark);
                    continue;
                }

                var used = false;
                if (plugin is IFilter filter)
                {
                    filters.Add(filter);
                    used = true;
                }

                if (plugin is IScoreAdjuster adjuster)
                {
                    adjusters.Add(adjuster);
                    used = true;
                }

                if (plugin is IScorer scorer)
                {
                    scorers.Add(new WeightedScorer(scorer, reference.Weight ?? 1.0));
                    used = true;
                }
                else if (reference.Weight is not null)
                {
                    d.Warning($"scheduling profile '{spec.Name}': weight on '{reference.PluginRef}' ignored, it is not a scorer", reference.Mark);
                }

                if (plugin is IPicker p)
                {
                    if (picker is not null) d.Error($"scheduling profile '{spec.Name}' has more than one picker ('{picker.Name}', '{p.Name}')", reference.Mark);
                    picker = p;
                    used = true;
                }

                if (!used)
                {
                    var type = plugin is ISchedulingPlugin sp ? sp.Type : ((ExternalPlugin)plugin).Type;
                    d.Error($"plugin '{reference.PluginRef}' ({type}) cannot be used in a scheduling profile", reference.Mark);
                }
            }

            if (stale is not null && !filters.OfType<StaleMetricsFilter>().Any())
            {
                filters.Insert(0, stale);
                adjusters.Add(stale);
            }

            picker ??= defaultPicker ??= instances.Values.OfType<MaxScorePicker>().FirstOrDefault(p => p.MaxEndpoints == 1)
                ?? new MaxScorePicker(UniqueName(instances, MaxScorePicker.TypeName));
            profiles.Add(new SchedulerProfile(spec.Name, filters, scorers, adjusters, picker));
        }

        return profiles;
    }

    private static IProfileHandler? ChooseHandler(Dictionary<string, object> instances, List<SchedulerProfile> profiles, ConfigDiagnostics d)
    {
        var handlers = instances.Values.OfType<IProfileHandler>().ToList();
        if (handlers.Count > 1)
        {
            d.Error($"only one profile handler may be declared, found {string.Join(", ", handlers.Select(h => h.Name))}", ConfigMark.None);
            return null;
        }

        var handler = handlers.Count == 1 ? handlers[0] : profiles.Count == 1 ? new SingleProfileHandler(SingleProfileHandler.TypeName) : null;
        if (handler is null)
        {
            d.Error($"{profiles.Count} scheduling profiles need a profile handler plugin", ConfigMark.None);
            return null;
        }

        if (handler.Validate(profiles) is { } problem)
        {
            d.Error(problem, ConfigMark.None);
            return null;
        }

        return handler;
    }

    private ApproxPrefixCacheProducer? ChooseProducer(Dictionary<string, object> instances, List<SchedulerProfile> profiles, ConfigDiagnostics d, Func<PrefixIndexOptions, PrefixIndex> indexFor)
    {
        var declared = instances.Values.OfType<ApproxPrefixCacheProducer>().ToList();
        if (declared.Count > 1)
        {
            d.Error($"only one {ApproxPrefixCacheProducer.TypeName} may be declared", ConfigMark.None);
            return null;
        }

        if (declared.Count == 1) return declared[0];
        var needsPrefix = profiles.Any(p =>
            p.Scorers.Any(s => s.Scorer is PrefixCacheScorer or PredictedTtftScorer) || p.Filters.Any(f => f is PrefixCacheAffinityFilter));
        if (!needsPrefix) return null;

        var parameters = instances.Values.OfType<PrefixCacheScorer>().FirstOrDefault()?.Parameters ?? new PrefixCacheParameters();
        return new ApproxPrefixCacheProducer(UniqueName(instances, ApproxPrefixCacheProducer.TypeName), parameters, indexFor(parameters.IndexOptions), metrics);
    }

    private static string UniqueName(Dictionary<string, object> instances, string type)
    {
        var name = type;
        for (var i = 2; instances.ContainsKey(name); i++) name = $"{type}-{i}";
        return name;
    }
}
