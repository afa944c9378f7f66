using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>Wires the gRPC server into a Kestrel host that also serves other things.</summary>
internal static class GrpcKestrelExtensions
{
    /// <summary>Category of the server's log events.</summary>
    public const string LoggerCategory = "EppOperator.Epp.Grpc.Server";

    /// <summary>Adds a listener configured for gRPC (h2c, or TLS with ALPN h2) for <paramref name="endpoint"/>.</summary>
    public static void ListenGrpc(this KestrelServerOptions kestrel, GrpcServerEndpoint endpoint)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.Http2.MaxStreamsPerConnection = Math.Max(kestrel.Limits.Http2.MaxStreamsPerConnection, endpoint.MaxConcurrentStreams);

        void Configure(ListenOptions listen)
        {
            if (endpoint.Certificate is { } certificates)
            {
                // HTTP/1.1 stays enabled under TLS so such clients reach the handler and get a clear 426.
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, _) => certificates.Current,
                });
            }
            else
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        }

        if (endpoint.Address is { } address)
        {
            kestrel.Listen(address, endpoint.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(endpoint.Port, Configure);
        }
    }

    /// <summary>
    /// Serves the registry's methods: requests for a registered path, or with a gRPC content type, are handled here;
    /// other requests continue down the pipeline. Uses the app's <see cref="ILoggerFactory"/> and
    /// <see cref="TimeProvider"/> when registered.
    /// </summary>
    public static IApplicationBuilder UseGrpcMethods(this IApplicationBuilder app, GrpcMethodRegistry registry, GrpcServerOptions? options = null)
    {
        var services = app.ApplicationServices;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var runtime = new GrpcServerRuntime(options ?? new GrpcServerOptions(), loggerFactory.CreateLogger(LoggerCategory), timeProvider);
        var dispatcher = new GrpcRequestDispatcher(registry, runtime);
        return app.Use(next => httpContext => dispatcher.DispatchAsync(httpContext, next));
    }
}
