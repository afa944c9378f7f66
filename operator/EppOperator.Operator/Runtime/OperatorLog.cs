using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>The operator's structured log events (EventIds 8000-8099).</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 8001, EventName = "ChildWritten", Level = LogLevel.Debug, Message = "Applied {Kind} {Key}")]
    public static partial void ChildWritten(ILogger logger, string kind, NamespacedName key);

    [LoggerMessage(EventId = 8002, EventName = "ChildChanged", Level = LogLevel.Information, Message = "Pool {Pool}: {Verb} {Child}")]
    public static partial void ChildChanged(ILogger logger, string pool, string verb, string child);

    [LoggerMessage(EventId = 8003, EventName = "ConditionChanged", Level = LogLevel.Information, Message = "Pool {Pool}: {Type}={Status} ({Reason}) {Message}")]
    public static partial void ConditionChanged(ILogger logger, string pool, string type, string status, string reason, string message);

    [LoggerMessage(EventId = 8004, EventName = "CertificateIssued", Level = LogLevel.Information, Message = "Pool {Pool}: issued a picker certificate; renewal due {RenewAt:o}")]
    public static partial void CertificateIssued(ILogger logger, string pool, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 8005, EventName = "CertificateAuthorityCreated", Level = LogLevel.Information, Message = "Created the operator CA in Secret {Namespace}/{Name}")]
    public static partial void CertificateAuthorityCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 8006, EventName = "KindNotServed", Level = LogLevel.Information, Message = "{Kind} is not served by this cluster; its controller is off (install the CRD and restart the operator to enable it)")]
    public static partial void KindNotServed(ILogger logger, EntityType kind);

    [LoggerMessage(EventId = 8007, EventName = "CrdFound", Level = LogLevel.Information, Message = "CRD {Name} is installed by {Origin}")]
    public static partial void CrdFound(ILogger logger, string name, string origin);

    [LoggerMessage(EventId = 8008, EventName = "OrphanDeleted", Level = LogLevel.Information, Message = "Deleted {Child}: its pool (uid {PoolUid}) no longer exists")]
    public static partial void OrphanDeleted(ILogger logger, string child, string poolUid);

    [LoggerMessage(EventId = 8009, EventName = "SweepFailed", Level = LogLevel.Warning, Message = "Orphan sweep failed: {Error}")]
    public static partial void SweepFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 8010, EventName = "Starting", Level = LogLevel.Information, Message = "epp-operator {Version} starting in namespace {Namespace}; default data plane {DataPlane}; secure serving {SecureServing}")]
    public static partial void Starting(ILogger logger, string version, string @namespace, Configuration.DataPlane dataPlane, bool secureServing);

    [LoggerMessage(EventId = 8011, EventName = "StartFailed", Level = LogLevel.Critical, Message = "epp-operator could not start")]
    public static partial void StartFailed(ILogger logger, Exception exception);
}
