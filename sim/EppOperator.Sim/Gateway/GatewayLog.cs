using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Gateway listening on port {Port} (HTTP/1.1 and h2c), admin on {AdminPort}; pool {Pool}; EPP {Epp}; failure mode {FailureMode}")]
    public static partial void Started(ILogger logger, int port, int adminPort, string pool, string epp, string failureMode);

    /// <summary>The access log: one line per request, Envoy-like fields; times in milliseconds, "-" when not applicable.</summary>
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "{Method} {Path} {Status} endpoint={Endpoint} ttft_ms={TtftMs} duration_ms={DurationMs} ext_proc_ms={ExtProcMs} flags={Flags}")]
    public static partial void Access(ILogger logger, string method, string path, int status, string endpoint, string ttftMs, string durationMs, string extProcMs, string flags);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "ext_proc failed ({Failure}); {Action}")]
    public static partial void ExtProcFailed(ILogger logger, ExtProcFailure failure, string action);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Destination {Destination} names {Rejected} endpoint(s) outside the pool; they are skipped, never contacted")]
    public static partial void DestinationRejected(ILogger logger, string destination, int rejected);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Client-supplied routing header {Header} removed")]
    public static partial void RoutingHeaderStripped(ILogger logger, string header);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Connecting to endpoint {Endpoint} failed: {Reason}; trying the next one")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Debug, Message = "Client went away during {Method} {Path}")]
    public static partial void ClientAborted(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Upstream {Endpoint} failed during the response: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string endpoint, string reason);
}
