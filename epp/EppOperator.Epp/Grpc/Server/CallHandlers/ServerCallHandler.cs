using EppOperator.Epp.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EppOperator.Epp.Grpc.Server.CallHandlers;

/// <summary>
/// The protocol checks and call lifecycle shared by every method shape: content-type, HTTP method and version are
/// checked first; then the call context is set up, the handler runs, and its outcome becomes the final status.
/// </summary>
internal abstract class ServerCallHandler
{
    protected ServerCallHandler(string method)
    {
        Method = method;
    }

    /// <summary>Full path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string Method { get; }

    public Task HandleCallAsync(HttpContext httpContext, GrpcServerRuntime runtime)
    {
        var request = httpContext.Request;
        if (!GrpcContentType.IsGrpc(request.ContentType))
        {
            return RejectContentType(httpContext, runtime);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return RejectMethod(httpContext, runtime, $"HTTP method '{request.Method}' is not supported.");
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcServerLog.UnsupportedRequestProtocol(runtime.Logger, request.Protocol);
            BuildHttpErrorResponse(httpContext.Response, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            httpContext.Response.Headers[HeaderNames.Upgrade] = GrpcProtocolConstants.Http2Protocol;
            return Task.CompletedTask;
        }

        var call = new HttpContextServerCallContext(httpContext, Method, runtime);
        try
        {
            call.Initialize();
            call.DisableRequestBodyLimits();
            var handlerTask = HandleCallCoreAsync(call);
            if (handlerTask.IsCompletedSuccessfully)
            {
                var end = call.EndCallAsync();
                if (end.IsCompletedSuccessfully)
                {
                    call.Release();
                    return Task.CompletedTask;
                }

                return ReleaseAfter(call, end);
            }

            return AwaitHandlerAsync(call, handlerTask);
        }
        catch (Exception ex)
        {
            return ReleaseAfter(call, call.ProcessHandlerErrorAsync(ex));
        }
    }

    /// <summary>Runs the method: reads requests, invokes the handler, writes responses.</summary>
    protected abstract Task HandleCallCoreAsync(HttpContextServerCallContext call);

    private static async Task AwaitHandlerAsync(HttpContextServerCallContext call, Task handlerTask)
    {
        try
        {
            await handlerTask;
            await call.EndCallAsync();
        }
        catch (Exception ex)
        {
            await call.ProcessHandlerErrorAsync(ex);
        }
        finally
        {
            call.Release();
        }
    }

    private static async Task ReleaseAfter(HttpContextServerCallContext call, Task task)
    {
        try
        {
            await task;
        }
        finally
        {
            call.Release();
        }
    }

    private static Task RejectContentType(HttpContext httpContext, GrpcServerRuntime runtime)
    {
        var request = httpContext.Request;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            // A browser's CORS preflight: say which method would work rather than blame the content type.
            return RejectMethod(httpContext, runtime, "Unhandled CORS preflight request received.");
        }

        GrpcServerLog.UnsupportedRequestContentType(runtime.Logger, request.ContentType);
        var detail = request.ContentType is null
            ? "Content-Type is missing from the request."
            : $"Content-Type '{request.ContentType}' is not supported.";
        BuildHttpErrorResponse(httpContext.Response, StatusCodes.Status415UnsupportedMediaType, detail);
        return Task.CompletedTask;
    }

    private static Task RejectMethod(HttpContext httpContext, GrpcServerRuntime runtime, string detail)
    {
        GrpcServerLog.UnsupportedRequestMethod(runtime.Logger, httpContext.Request.Method);
        BuildHttpErrorResponse(httpContext.Response, StatusCodes.Status405MethodNotAllowed, detail);
        httpContext.Response.Headers[HeaderNames.Allow] = HttpMethods.Post;
        return Task.CompletedTask;
    }

    /// <summary>A non-gRPC rejection still carries a gRPC status (INTERNAL) for clients that only read that.</summary>
    private static void BuildHttpErrorResponse(HttpResponse response, int httpStatusCode, string detail)
    {
        response.StatusCode = httpStatusCode;
        GrpcStatusHeaders.Write(response.Headers, new Status(StatusCode.Internal, detail));
    }
}
