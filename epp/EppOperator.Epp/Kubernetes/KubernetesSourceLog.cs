using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

internal static partial class KubernetesSourceLog
{
    [LoggerMessage(EventId = 4601, EventName = "PoolSynced", Level = LogLevel.Information,
        Message = "InferencePool {Namespace}/{Pool} synced: {Endpoints} endpoints from {Pods} ready pods")]
    public static partial void PoolSynced(ILogger logger, string @namespace, string pool, int endpoints, int pods);

    [LoggerMessage(EventId = 4602, EventName = "PoolSelectionChanged", Level = LogLevel.Information,
        Message = "InferencePool {Namespace}/{Pool} selection changed ({Selection}); resyncing all pods")]
    public static partial void PoolSelectionChanged(ILogger logger, string @namespace, string pool, EndpointPoolSpec selection);

    [LoggerMessage(EventId = 4603, EventName = "PoolMissing", Level = LogLevel.Warning,
        Message = "InferencePool {Namespace}/{Pool} ({Group}) does not exist; not ready and serving no endpoints until it does")]
    public static partial void PoolMissing(ILogger logger, string @namespace, string pool, string group);

    [LoggerMessage(EventId = 4606, EventName = "PoolCrdMissing", Level = LogLevel.Error,
        Message = "The API server does not serve InferencePool in {Group}: install the CRD (the watch keeps retrying until it appears)")]
    public static partial void PoolCrdMissing(ILogger logger, string group);

    [LoggerMessage(EventId = 4607, EventName = "ApiServerUnavailable", Level = LogLevel.Warning,
        Message = "Cannot check whether the {Kind} CRD is served yet: {Detail} (the watch keeps retrying)")]
    public static partial void ApiServerUnavailable(ILogger logger, string kind, string detail);

    [LoggerMessage(EventId = 4608, EventName = "OptionalCrdMissing", Level = LogLevel.Information,
        Message = "{Kind} ({ApiVersion}) is not served; not watching it (restart the EPP after installing the CRD)")]
    public static partial void OptionalCrdMissing(ILogger logger, string kind, string apiVersion);

    [LoggerMessage(EventId = 4604, EventName = "PodEndpointsChanged", Level = LogLevel.Debug,
        Message = "Pod {Pod}: {Count} endpoints")]
    public static partial void PodEndpointsChanged(ILogger logger, string pod, int count);

    [LoggerMessage(EventId = 4605, EventName = "LeadershipChanged", Level = LogLevel.Information,
        Message = "EPP leadership for InferencePool {Namespace}/{Pool}: {Leading}")]
    public static partial void LeadershipChanged(ILogger logger, string @namespace, string pool, bool leading);
}
