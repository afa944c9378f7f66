using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.LeaderElection;

/// <summary>Structured logs of leader election (EventIds 9400-9499 of the Kube library's 9000-9599, apart from the EPP, simulator and operator ranges because it runs in their processes).</summary>
internal static partial class LeaderElectionLog
{
    [LoggerMessage(EventId = 9401, EventName = "StartedLeading", Level = LogLevel.Information,
        Message = "{Identity} acquired lease {Namespace}/{LeaseName}")]
    public static partial void StartedLeading(ILogger logger, string identity, string @namespace, string leaseName);

    [LoggerMessage(EventId = 9402, EventName = "StoppedLeading", Level = LogLevel.Warning,
        Message = "{Identity} lost lease {Namespace}/{LeaseName}: no renewal within {RenewDeadlineMs} ms")]
    public static partial void StoppedLeading(ILogger logger, string identity, string @namespace, string leaseName, double renewDeadlineMs);

    [LoggerMessage(EventId = 9403, EventName = "NewLeader", Level = LogLevel.Information,
        Message = "Lease {Namespace}/{LeaseName} is held by {Holder}")]
    public static partial void NewLeader(ILogger logger, string @namespace, string leaseName, string holder);

    [LoggerMessage(EventId = 9404, EventName = "AttemptFailed", Level = LogLevel.Debug,
        Message = "Acquire or renew of lease {Namespace}/{LeaseName} failed: {Detail}")]
    public static partial void AttemptFailed(ILogger logger, string @namespace, string leaseName, string detail);

    [LoggerMessage(EventId = 9405, EventName = "Released", Level = LogLevel.Information,
        Message = "{Identity} released lease {Namespace}/{LeaseName}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string leaseName);
}
