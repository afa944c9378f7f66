using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Serve;

/// <summary>
/// The Kestrel set-up <c>eppsim serve</c> and <c>eppsim gateway</c> share: single-line console logs without the
/// framework's per-request lines, client ports that speak HTTP/1.1 and h2c, and the ports actually bound.
/// </summary>
internal static class KestrelHosting
{
    /// <summary>A slim builder logging to the console at <paramref name="logLevel"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(LogLevel logLevel, string? timestampFormat = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = timestampFormat;
        });
        builder.Logging.SetMinimumLevel(logLevel);

        // Per-request framework logs would drown the simulator's own at Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The "HTTP/2 needs TLS" startup warning does not apply: H2cPriorKnowledge provides h2c.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        return builder;
    }

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> for HTTP/1.1 and prior-knowledge HTTP/2.
    /// Requires <c>AllowAlternateSchemes</c> (see <see cref="H2cPriorKnowledge"/>).</summary>
    public static void ListenHttp1AndH2c(this KestrelServerOptions kestrel, IPAddress address, int port) =>
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.Use(next => connection => H2cPriorKnowledge.DetectAsync(connection, () => next(connection)));
        });

    /// <summary>The bound ports of a started app, in the order its endpoints were configured (port 0 resolved).</summary>
    public static IReadOnlyList<int> BoundPorts(WebApplication app) => [.. app.Urls.Select(url => BindingAddress.Parse(url).Port)];
}
