using System.Collections.Frozen;
using EppOperator.Epp.Scheduling.Filters;
using EppOperator.Epp.Scheduling.Pickers;
using EppOperator.Epp.Scheduling.Profiles;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Epp.Scheduling.Scorers;

namespace EppOperator.Epp.Config;

/// <summary>
/// Plugin types by the name the configuration uses. Built-in scheduling plugins are created here; types owned by
/// other components are accepted as <see cref="ExternalPlugin"/>s; reference types this EPP does not implement are
/// rejected with a message that says so (rather than "unknown").
/// </summary>
internal sealed class PluginRegistry
{
    /// <summary>Largest <c>maxNumOfEndpoints</c>: fallbacks beyond a handful are never tried by a proxy.</summary>
    public const int MaxPickedEndpoints = 64;

    private static readonly FrozenSet<string> NotImplemented = FrozenSet.ToFrozenSet(
    [
        "predicted-latency-producer", "latency-scorer", "slo-headroom-tier-filter", "latency-slo-admitter",
        "precise-prefix-cache-producer", "token-producer", "disagg-profile-handler", "prefix-based-pd-decider",
        "session-affinity-scorer", "load-aware-scorer", "active-request-scorer", "no-hit-lru-scorer",
        "context-length-aware", "label-selector-filter", "decision-tree-filter", "data-parallel-profile-handler",
    ], StringComparer.Ordinal);

    private readonly Dictionary<string, PluginFactory> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _factories.Keys;

    /// <summary>Every built-in plugin plus the types of the flow-control, data-layer and request components.</summary>
    public static PluginRegistry CreateDefault()
    {
        var registry = new PluginRegistry();
        registry.RegisterScheduling();
        foreach (var type in new[] { "utilization-detector", "concurrency-detector" }) registry.RegisterExternal(type, "saturation detection");
        foreach (var type in new[]
                 {
                     "global-strict-fairness-policy", "round-robin-fairness-policy", "fcfs-ordering-policy", "edf-ordering-policy",
                     "slo-deadline-ordering-policy", "static-usage-limit-policy",
                 })
        {
            registry.RegisterExternal(type, "flow control");
        }

        foreach (var type in new[] { "openai-parser", "passthrough-parser", "vllmgrpc-parser", "request-attribute-reporter", "destination-endpoint-served-verifier" }) registry.RegisterExternal(type, "request handling");
        foreach (var type in new[] { "metrics-data-source", "core-metrics-extractor", "model-server-protocol-metrics" }) registry.RegisterExternal(type, "data layer");
        return registry;
    }

    public void Register(string type, PluginFactory factory) => _factories[type] = factory;

    public void RegisterExternal(string type, string component) =>
        _factories[type] = c => new ExternalPlugin(c.Name, c.Type, component, c.Parameters, c.Parameters.Mark);

    public bool TryGetFactory(string type, out PluginFactory factory) => _factories.TryGetValue(type, out factory!);

    /// <summary>Why <paramref name="type"/> cannot be created.</summary>
    public static string DescribeUnknown(string type) => NotImplemented.Contains(type)
        ? $"plugin type '{type}' is part of the reference but not supported by this EPP"
        : $"unknown plugin type '{type}'";

    private void RegisterScheduling()
    {
        Register(QueueScorer.TypeName, c => new QueueScorer(c.Name, c.Parameters.GetBool("blendInFlight", SchedulerDefaults.BlendInFlight)));
        Register(RunningRequestsScorer.TypeName, c => new RunningRequestsScorer(c.Name, c.Parameters.GetBool("blendInFlight", SchedulerDefaults.BlendInFlight)));
        Register(KvCacheUtilizationScorer.TypeName, c => new KvCacheUtilizationScorer(c.Name));
        Register(LoraAffinityScorer.TypeName, c => new LoraAffinityScorer(c.Name));
        Register(TokenLoadScorer.TypeName, c => new TokenLoadScorer(c.Name, c.Parameters.GetDouble("queueThresholdTokens", TokenLoadScorer.DefaultQueueThresholdTokens, min: 1)));
        Register(PrefixCacheScorer.TypeName, c =>
        {
            // llm-d names the producer it reads; the only producer here is the approximate one, which any name means
            // (a precise producer would have been rejected as unsupported when declared).
            _ = c.Parameters.GetString("prefixMatchInfoProducerName");
            return new PrefixCacheScorer(c.Name, ReadPrefixParameters(c.Parameters));
        });
        Register(PredictedTtftScorer.TypeName, c => new PredictedTtftScorer(c.Name, ReadTtftModel(c.Parameters)));
        Register(ApproxPrefixCacheProducer.TypeName, c =>
        {
            var parameters = ReadPrefixParameters(c.Parameters);
            return new ApproxPrefixCacheProducer(c.Name, parameters, c.PrefixIndexFor(parameters.IndexOptions), c.Metrics);
        });
        Register(InFlightLoadTracker.TypeName, c => new InFlightLoadTracker(c.Name));

        Register(MaxScorePicker.TypeName, c => new MaxScorePicker(c.Name, MaxEndpoints(c.Parameters)));
        Register(RandomPicker.TypeName, c => new RandomPicker(c.Name, MaxEndpoints(c.Parameters)));
        Register(WeightedRandomPicker.TypeName, c => new WeightedRandomPicker(c.Name, MaxEndpoints(c.Parameters)));
        Register(SingleProfileHandler.TypeName, c => new SingleProfileHandler(c.Name));

        Register(LowQueueFilter.TypeName, c => new LowQueueFilter(c.Name, c.Parameters.GetInt("threshold", LowQueueFilter.DefaultThreshold, min: 0)));
        Register(LeastQueueFilter.TypeName, c => new LeastQueueFilter(c.Name));
        Register(LeastKvCacheFilter.TypeName, c => new LeastKvCacheFilter(c.Name));
        Register(LoraAffinityFilter.TypeName, c => new LoraAffinityFilter(c.Name, c.Parameters.GetDouble("threshold", LoraAffinityFilter.DefaultThreshold, 0, 1)));
        Register(PrefixCacheAffinityFilter.TypeName, c => new PrefixCacheAffinityFilter(
            c.Name,
            c.Parameters.GetDouble("affinityThreshold", PrefixCacheAffinityFilter.DefaultThreshold, 0, 1),
            c.Parameters.GetDouble("explorationProbability", PrefixCacheAffinityFilter.DefaultExploration, 0, 1),
            c.Parameters.GetDouble("maxTTFTPenaltyMs", PrefixCacheAffinityFilter.DefaultMaxTtftPenaltyMs, min: 0),
            new TtftModel()));
        Register(StaleMetricsFilter.TypeName, c => new StaleMetricsFilter(
            c.Name,
            c.Parameters.GetDuration("staleAfter", StaleMetricsFilter.DefaultStaleAfter),
            c.Parameters.GetDuration("excludeAfter", StaleMetricsFilter.DefaultExcludeAfter),
            c.Parameters.GetDouble("staleWeight", StaleMetricsFilter.DefaultStaleWeight, 0, 1),
            c.Parameters.GetDouble("minFreshFraction", StaleMetricsFilter.DefaultMinFreshFraction, 0, 1)));
        Register(HeaderBasedTestingFilter.TypeName, c => new HeaderBasedTestingFilter(c.Name));
        Register(LabelFilter.DecodeFilterType, c => LabelFilter.Decode(c.Name));
        Register(LabelFilter.PrefillFilterType, c => LabelFilter.Prefill(c.Name));
        Register(LabelFilter.EncodeFilterType, c => LabelFilter.Encode(c.Name));
        Register(LabelFilter.ByLabelType, c => new LabelFilter(
            c.Name,
            LabelFilter.ByLabelType,
            c.Parameters.GetString("label") ?? "",
            c.Parameters.GetStringList("validValues"),
            c.Parameters.GetBool("allowsNoLabel", false)));
    }

    private static int MaxEndpoints(PluginParameters parameters) =>
        parameters.GetInt("maxNumOfEndpoints", 1, min: 1, max: MaxPickedEndpoints);

    private static PrefixCacheParameters ReadPrefixParameters(PluginParameters p)
    {
        var defaults = new PrefixCacheParameters();
        return new PrefixCacheParameters
        {
            AutoTune = p.GetBool("autoTune", defaults.AutoTune),
            BlockSizeTokens = p.GetInt("blockSizeTokens", defaults.BlockSizeTokens, min: 1, max: 1 << 16),
            MaxPrefixBlocksToMatch = p.GetInt("maxPrefixBlocksToMatch", defaults.MaxPrefixBlocksToMatch, min: 1, max: 1 << 16),
            MaxPrefixTokensToMatch = p.GetInt("maxPrefixTokensToMatch", defaults.MaxPrefixTokensToMatch, min: 0, max: 1 << 24),
            LruCapacityPerServer = p.GetInt("lruCapacityPerServer", defaults.LruCapacityPerServer, min: 1),
            MaxIndexedBlocks = p.GetLong("maxIndexedBlocks", defaults.MaxIndexedBlocks, min: 1),
        };
    }

    private static TtftModel ReadTtftModel(PluginParameters p)
    {
        var defaults = new TtftModel();
        return new TtftModel
        {
            OverheadSeconds = p.GetDouble("overheadMs", defaults.OverheadSeconds * 1000, min: 0) / 1000,
            PrefillTokensPerSecond = p.GetDouble("prefillTokensPerSecond", defaults.PrefillTokensPerSecond, min: 1),
            QueueDrainRequestsPerSecond = p.GetDouble("queueDrainRequestsPerSecond", defaults.QueueDrainRequestsPerSecond, min: 0.001),
            BlendInFlight = p.GetBool("blendInFlight", SchedulerDefaults.BlendInFlight),
        };
    }
}
