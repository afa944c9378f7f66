using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Controllers;

/// <summary>Structured logs of the controller runtime (EventIds 9300-9399 of the Kube library's 9000-9599, apart from the EPP, simulator and operator ranges because it runs in their processes).</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 9301, EventName = "ReconcileFailed", Level = LogLevel.Error,
        Message = "Reconcile of {Kind} \"{Key}\" threw; retrying in {DelayMs} ms")]
    public static partial void ReconcileThrew(ILogger logger, Exception exception, string kind, NamespacedName key, double delayMs);

    [LoggerMessage(EventId = 9302, EventName = "ReconcileReportedFailure", Level = LogLevel.Warning,
        Message = "Reconcile of {Kind} \"{Key}\" failed: {Error}; retrying in {DelayMs} ms")]
    public static partial void ReconcileReportedFailure(ILogger logger, string kind, NamespacedName key, string error, double delayMs);

    [LoggerMessage(EventId = 9303, EventName = "ReconcileConflict", Level = LogLevel.Debug,
        Message = "Reconcile of {Kind} \"{Key}\" hit a write conflict; retrying in {DelayMs} ms")]
    public static partial void ReconcileConflict(ILogger logger, string kind, NamespacedName key, double delayMs);

    [LoggerMessage(EventId = 9304, EventName = "Finalized", Level = LogLevel.Information,
        Message = "Entity {Kind} \"{Key}\" finalized by {Finalizer}")]
    public static partial void Finalized(ILogger logger, string kind, NamespacedName key, string finalizer);

    [LoggerMessage(EventId = 9305, EventName = "ControllerStarted", Level = LogLevel.Information,
        Message = "Controller for {Kind} is reconciling ({Count} objects cached)")]
    public static partial void ControllerStarted(ILogger logger, string kind, int count);

    [LoggerMessage(EventId = 9306, EventName = "ControllerPaused", Level = LogLevel.Information,
        Message = "Controller for {Kind} stopped reconciling: leadership lost")]
    public static partial void ControllerPaused(ILogger logger, string kind);

    [LoggerMessage(EventId = 9307, EventName = "ControllerCrashed", Level = LogLevel.Critical,
        Message = "Controller for {Kind} crashed; stopping the application")]
    public static partial void ControllerCrashed(ILogger logger, Exception exception, string kind);
}
