using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Host;

/// <summary>Lifecycle logs of the epp process (event ids 1100–1149).</summary>
internal static partial class EppHostLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "epp serving ext_proc on port {GrpcPort} ({Transport}), gRPC health on port {HealthPort}, /metrics on port {MetricsPort}; pool of {EndpointCount} static endpoints")]
    public static partial void Started(ILogger logger, int grpcPort, string transport, int healthPort, int metricsPort, int endpointCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Shutdown requested: readiness is NOT_SERVING, waiting up to {DrainTimeout} for {ActiveStreams} open streams")]
    public static partial void Draining(ILogger logger, TimeSpan drainTimeout, int activeStreams);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Drain finished with {ActiveStreams} streams still open; stopping")]
    public static partial void Drained(ILogger logger, int activeStreams);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Critical, Message = "epp failed to start")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ManifestWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Loaded {Objectives} InferenceObjectives and {Rewrites} InferenceModelRewrites from {Path}")]
    public static partial void ManifestsLoaded(ILogger logger, int objectives, int rewrites, string path);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Conformance hooks are on (--conformance-hooks): clients choose the serving pod with the test-epp-endpoint-selection header and responses carry x-conformance-test-served-endpoint; use this only for conformance runs")]
    public static partial void ConformanceHooksEnabled(ILogger logger);
}
