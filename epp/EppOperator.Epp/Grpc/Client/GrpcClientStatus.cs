using System.Net;

namespace EppOperator.Epp.Grpc.Client;

/// <summary>How a client reads a failed HTTP exchange as a gRPC status (grpc's http-grpc-status-mapping.md).</summary>
internal static class GrpcClientStatus
{
    public static readonly Status NoStatus = new(StatusCode.Internal, "No grpc-status found on response.");
    public static readonly Status DeadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    public static readonly Status CancelledByClient = new(StatusCode.Cancelled, "Call canceled by the client.");

    public static StatusCode FromHttpStatus(HttpStatusCode httpStatus) => httpStatus switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.RequestHeaderFieldsTooLarge => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static Status FromException(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } =>
            new Status(StatusCode.Unavailable, "Error connecting to the server: " + exception.Message),
        HttpRequestException or IOException => new Status(StatusCode.Unavailable, "Error in the HTTP/2 stream: " + exception.Message),
        RpcException rpc => rpc.Status,
        _ => new Status(StatusCode.Internal, $"Error in the gRPC call: {exception.GetType().Name}: {exception.Message}"),
    };
}
