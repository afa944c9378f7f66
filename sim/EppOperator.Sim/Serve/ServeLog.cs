using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Serve;

/// <summary>
/// <c>eppsim serve</c>'s log events: EventIds 71xx, in the simulator's 7xxx range (the gateway has 70xx), clear of
/// the ids the EPP and the operator use.
/// </summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Serving {Model} (adapters: {Adapters}) as pod {Pod} on port {Port}, profile {Profile}")]
    public static partial void Started(ILogger logger, string model, string adapters, string pod, int port, string profile);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Rejected a request with {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "Client went away; request {RequestId} aborted")]
    public static partial void ClientAborted(ILogger logger, string requestId);
}
