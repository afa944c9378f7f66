using EppOperator.Epp.Prefix;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;

namespace EppOperator.Epp.Config;

/// <summary>What a plugin factory gets: the instance name, its parameters and the shared services.</summary>
internal sealed class PluginFactoryContext(
    string name,
    string type,
    PluginParameters parameters,
    SchedulerMetrics? metrics,
    Func<PrefixIndexOptions, PrefixIndex> prefixIndexFor,
    EndpointLiveness liveness,
    TimeProvider time)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public PluginParameters Parameters { get; } = parameters;

    public SchedulerMetrics? Metrics { get; } = metrics;

    /// <summary>The prefix index for these options: the previous configuration's when they are unchanged, so a reload keeps what was learned.</summary>
    public Func<PrefixIndexOptions, PrefixIndex> PrefixIndexFor { get; } = prefixIndexFor;

    /// <summary>When endpoints last answered; shared by the in-flight tracker and the stale-metrics filter, kept across reloads.</summary>
    public EndpointLiveness Liveness { get; } = liveness;

    public TimeProvider Time { get; } = time;
}
