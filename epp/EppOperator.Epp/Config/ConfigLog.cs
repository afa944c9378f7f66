using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Config;

/// <summary>Structured logs of configuration loading and reloading (EventIds 3020–3039).</summary>
internal static partial class ConfigLog
{
    [LoggerMessage(EventId = 3020, EventName = "SchedulerConfigLoaded", Level = LogLevel.Information,
        Message = "Scheduler configuration loaded from {Source}: {Profiles}")]
    public static partial void Loaded(ILogger logger, string source, ProfileSummary profiles);

    [LoggerMessage(EventId = 3021, EventName = "SchedulerConfigWarning", Level = LogLevel.Warning,
        Message = "Scheduler configuration {Source}: {Warning}")]
    public static partial void Warning(ILogger logger, string source, string warning);

    [LoggerMessage(EventId = 3022, EventName = "SchedulerConfigReloaded", Level = LogLevel.Information,
        Message = "Scheduler configuration {Source} changed and was applied: {Profiles}")]
    public static partial void Reloaded(ILogger logger, string source, ProfileSummary profiles);

    [LoggerMessage(EventId = 3023, EventName = "SchedulerConfigRejected", Level = LogLevel.Error,
        Message = "Scheduler configuration {Source} changed but was rejected; the previous configuration keeps running: {Errors}")]
    public static partial void Rejected(ILogger logger, string source, string errors);

    [LoggerMessage(EventId = 3024, EventName = "SchedulerConfigUnreadable", Level = LogLevel.Warning,
        Message = "Scheduler configuration {Source} cannot be read; the previous configuration keeps running: {Reason}")]
    public static partial void Unreadable(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3025, EventName = "PrefixIndexPurged", Level = LogLevel.Debug,
        Message = "Prefix index forgot {Count} endpoints that left the pool")]
    public static partial void PrefixIndexPurged(ILogger logger, int count);
}
