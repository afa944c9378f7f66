using EppOperator.Epp.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// Routes a Kestrel request to its method handler by exact path. A gRPC request for a method that is not
/// registered gets UNIMPLEMENTED as Trailers-Only (HTTP 200); anything that is not gRPC goes to the next middleware.
/// </summary>
internal sealed class GrpcRequestDispatcher(GrpcMethodRegistry registry, GrpcServerRuntime runtime)
{
    private static readonly Status UnimplementedService = new(StatusCode.Unimplemented, "Service is unimplemented.");
    private static readonly Status UnimplementedMethod = new(StatusCode.Unimplemented, "Method is unimplemented.");

    public Task DispatchAsync(HttpContext httpContext, RequestDelegate? next)
    {
        var path = httpContext.Request.Path.Value ?? "";
        if (registry.TryGetHandler(path, out var handler))
        {
            return handler.HandleCallAsync(httpContext, runtime);
        }

        if (next is not null && !GrpcContentType.IsGrpc(httpContext.Request.ContentType))
        {
            return next(httpContext);
        }

        GrpcServerLog.MethodUnimplemented(runtime.Logger, path);
        var response = httpContext.Response;
        response.ContentType = GrpcProtocolConstants.GrpcContentType;
        var serviceKnown = GrpcMethodRegistry.TrySplitPath(path, out var service, out _) && registry.HasService(service);
        GrpcStatusHeaders.Write(response.Headers, serviceKnown ? UnimplementedMethod : UnimplementedService);
        return Task.CompletedTask;
    }
}
