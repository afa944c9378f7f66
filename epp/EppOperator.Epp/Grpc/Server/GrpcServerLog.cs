using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// Server transport events. Rejections of bad requests are Information (a client problem, not ours), unexpected
/// handler failures are Error; nothing here ever logs a message body.
/// </summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, EventName = "UnsupportedRequestContentType", Level = LogLevel.Information,
        Message = "Request content-type of '{ContentType}' is not supported.")]
    public static partial void UnsupportedRequestContentType(ILogger logger, string? contentType);

    [LoggerMessage(EventId = 2, EventName = "UnsupportedRequestProtocol", Level = LogLevel.Information,
        Message = "Request protocol of '{Protocol}' is not supported.")]
    public static partial void UnsupportedRequestProtocol(ILogger logger, string protocol);

    [LoggerMessage(EventId = 3, EventName = "UnsupportedRequestMethod", Level = LogLevel.Information,
        Message = "Request HTTP method '{HttpMethod}' is not supported; gRPC calls are POST.")]
    public static partial void UnsupportedRequestMethod(ILogger logger, string httpMethod);

    [LoggerMessage(EventId = 4, EventName = "MethodUnimplemented", Level = LogLevel.Information,
        Message = "Call to unimplemented method '{Path}'.")]
    public static partial void MethodUnimplemented(ILogger logger, string path);

    [LoggerMessage(EventId = 5, EventName = "DeadlineExceeded", Level = LogLevel.Debug,
        Message = "Call to '{Method}' exceeded its deadline of {Timeout}.")]
    public static partial void DeadlineExceeded(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 6, EventName = "CallCancelled", Level = LogLevel.Information,
        Message = "Call to '{Method}' was cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 7, EventName = "RpcErrorReturned", Level = LogLevel.Debug,
        Message = "Call to '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void RpcErrorReturned(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 8, EventName = "ErrorExecutingServiceMethod", Level = LogLevel.Error,
        Message = "Error when executing service method '{Method}'.")]
    public static partial void ErrorExecutingServiceMethod(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 9, EventName = "InvalidRequestMessage", Level = LogLevel.Information,
        Message = "Call to '{Method}' received an invalid message: {StatusCode} {Detail}")]
    public static partial void InvalidRequestMessage(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 10, EventName = "UnableToDisableMaxRequestBodySize", Level = LogLevel.Debug,
        Message = "Unable to disable the maximum request body size because the request body was already read.")]
    public static partial void UnableToDisableMaxRequestBodySize(ILogger logger);

    [LoggerMessage(EventId = 11, EventName = "ErrorEndingCall", Level = LogLevel.Debug,
        Message = "Could not send the final status of '{Method}'; the stream is already gone.")]
    public static partial void ErrorEndingCall(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "ServerListening", Level = LogLevel.Information,
        Message = "gRPC server listening on {Address} ({Transport}) with {MethodCount} methods.")]
    public static partial void ServerListening(ILogger logger, Uri address, string transport, int methodCount);
}
