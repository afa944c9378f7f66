using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>
/// A Kestrel server on one port serving a <see cref="GrpcMethodRegistry"/>: what the epp host runs for ext_proc
/// and health, and what tests and benchmarks start on a free port.
/// <code>
/// await using var server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(), cancellationToken: ct);
/// var channel = GrpcChannel.ForAddress(server.Address);
/// </code>
/// </summary>
internal sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcServer(WebApplication app, int port, Uri address)
    {
        _app = app;
        Port = port;
        Address = address;
    }

    /// <summary>The bound port (the chosen one when the endpoint asked for 0).</summary>
    public int Port { get; }

    /// <summary>A URL clients on this machine can use: the bound address, or localhost when bound to every interface.</summary>
    public Uri Address { get; }

    public static async Task<GrpcServer> StartAsync(
        GrpcMethodRegistry registry,
        GrpcServerEndpoint endpoint,
        GrpcServerOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables, so nothing in the working directory or
        // environment can add listeners or change limits behind the caller's back.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(timeProvider ?? TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(endpoint));

        var app = builder.Build();
        app.UseGrpcMethods(registry, options);
        await app.StartAsync(cancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        var host = endpoint.Address is { } a && !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any) ? FormatHost(a) : "localhost";
        var address = new Uri($"{(endpoint.IsSecure ? "https" : "http")}://{host}:{port}");
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(GrpcKestrelExtensions.LoggerCategory);
        var transport = endpoint.IsSecure ? "TLS, ALPN h2" : "h2c";
        GrpcServerLog.ServerListening(logger, address, transport, registry.Methods.Count);
        return new GrpcServer(app, port, address);
    }

    /// <summary>How long <see cref="DisposeAsync"/> lets open calls finish before aborting them.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Stops accepting connections (HTTP/2 GOAWAY) and waits up to <see cref="DefaultDrainTimeout"/> for open calls to
    /// finish; the calls still open then are aborted and see their token cancelled.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using (var drain = new CancellationTokenSource(DefaultDrainTimeout))
        {
            await _app.StopAsync(drain.Token);
        }

        await _app.DisposeAsync();
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
