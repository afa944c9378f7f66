using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Serve;

internal static partial class ServeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Serving {Model} (adapters: {Adapters}) as pod {Pod} on port {Port}, profile {Profile}")]
    public static partial void Started(ILogger logger, string model, string adapters, string pod, int port, string profile);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Rejected a request with {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Client went away; request {RequestId} aborted")]
    public static partial void ClientAborted(ILogger logger, string requestId);
}
