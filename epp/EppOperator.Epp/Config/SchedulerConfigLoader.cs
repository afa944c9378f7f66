using EppOperator.Epp.Scheduling;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Config;

/// <summary>
/// Loads a <see cref="SchedulerConfigSource"/> into a <see cref="ReloadableScheduler"/> and applies later versions of
/// it: a new configuration replaces the running scheduler in one atomic swap; a broken one is logged and ignored,
/// so the previous configuration keeps serving.
/// </summary>
internal sealed class SchedulerConfigLoader
{
    private readonly SchedulerBuilder _builder;
    private readonly ILogger _logger;
    private string _appliedText;

    private SchedulerConfigLoader(SchedulerConfigSource source, SchedulerBuilder builder, ILogger logger, ReloadableScheduler scheduler, EndpointPickerConfig initialConfig, string appliedText)
    {
        Source = source;
        InitialConfig = initialConfig;
        _builder = builder;
        _logger = logger;
        Scheduler = scheduler;
        _appliedText = appliedText;
    }

    public SchedulerConfigSource Source { get; }

    public ReloadableScheduler Scheduler { get; }

    /// <summary>
    /// The configuration the first scheduler was built from. The parts read only at start-up (admission and flow
    /// control) take it from here, so they and the scheduler start from the same version of a file.
    /// </summary>
    public EndpointPickerConfig InitialConfig { get; }

    /// <summary>
    /// Builds the first scheduler. Returns null with the diagnostics when the configuration is unusable: the host
    /// then reports them against <see cref="SchedulerConfigSource.Flag"/> and exits.
    /// </summary>
    public static SchedulerConfigLoader? Load(SchedulerConfigSource source, SchedulerBuilder builder, ILogger logger, out SchedulerBuildResult result)
    {
        if (!source.TryRead(out var text, out var error))
        {
            var diagnostics = new ConfigDiagnostics();
            diagnostics.Error($"cannot read the configuration: {error}", ConfigMark.None);
            result = new SchedulerBuildResult(null, null, diagnostics, []);
            return null;
        }

        result = builder.Build(text);
        if (result is not { Scheduler: not null, Config: { } config }) return null;
        foreach (var warning in result.Diagnostics.Warnings) ConfigLog.Warning(logger, source.Description, warning.ToString());
        ConfigLog.Loaded(logger, source.Description, new ProfileSummary(result.Scheduler));
        return new SchedulerConfigLoader(source, builder, logger, new ReloadableScheduler(result.Scheduler), config, text);
    }

    /// <summary>Re-reads the source and applies it when its text changed; true when a new scheduler was swapped in.</summary>
    public bool Reload()
    {
        if (!Source.TryRead(out var text, out var error))
        {
            ConfigLog.Unreadable(_logger, Source.Description, error ?? "");
            return false;
        }

        if (string.Equals(text, _appliedText, StringComparison.Ordinal)) return false;

        // Remember the text either way, so a broken file is reported once, not on every poll.
        _appliedText = text;
        var result = _builder.Build(text, Scheduler.Current);
        if (result.Scheduler is null)
        {
            ConfigLog.Rejected(_logger, Source.Description, result.Diagnostics.Describe());
            return false;
        }

        foreach (var warning in result.Diagnostics.Warnings) ConfigLog.Warning(_logger, Source.Description, warning.ToString());
        Scheduler.Swap(result.Scheduler);
        ConfigLog.Reloaded(_logger, Source.Description, new ProfileSummary(result.Scheduler));
        return true;
    }

}
