using System.Collections.Immutable;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Epp.Config;

/// <summary>A scheduler built from a configuration (null when it has errors), what was found, and the plugins other components own.</summary>
internal sealed record SchedulerBuildResult(
    PluginScheduler? Scheduler,
    EndpointPickerConfig? Config,
    ConfigDiagnostics Diagnostics,
    ImmutableArray<ExternalPlugin> ExternalPlugins)
{
    public bool Succeeded => Scheduler is not null;
}
