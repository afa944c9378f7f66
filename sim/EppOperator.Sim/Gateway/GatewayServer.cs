using System.Globalization;
using System.Text.Json;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Metrics;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// <c>eppsim gateway</c>: the development data plane that plays Envoy's part in front of a pool. One client port
/// speaks HTTP/1.1 and h2c; each request is one <see cref="GatewayExchange"/>. The admin port serves Prometheus
/// <c>/metrics</c>, <c>/stats/ext_proc</c> (exact ext_proc overhead percentiles, JSON; <c>POST
/// /stats/ext_proc/reset</c> forgets them) and <c>/ready</c>.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private const string AdminConnection = "eppsim.gateway.admin";

    private readonly WebApplication _app;
    private readonly GatewayServices _services;
    private readonly EppMeter _meter;
    private readonly PrometheusExporter _exporter;

    private GatewayServer(WebApplication app, GatewayServices services, EppMeter meter, PrometheusExporter exporter)
    {
        _app = app;
        _services = services;
        _meter = meter;
        _exporter = exporter;
    }

    /// <summary>The bound client port.</summary>
    public int Port { get; private set; }

    /// <summary>The bound admin port.</summary>
    public int AdminPort { get; private set; }

    public ExtProcTimings Timings => _services.Timings;

    public static async Task<GatewayServer> StartAsync(GatewayOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = KestrelHosting.CreateBuilder(options.LogLevel, timestampFormat: "HH:mm:ss.fff ");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowAlternateSchemes = true;

            // The gateway enforces its own body limit (and answers 413 like a proxy would).
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.ListenHttp1AndH2c(options.Address, options.Port);
            kestrel.Listen(options.Address, options.AdminPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    connection.Items[AdminConnection] = true;
                    return next(connection);
                });
            });
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EppOperator.Sim.Gateway");
        var meter = new EppMeter();
        var metrics = new GatewayMetrics(meter);
        var exporter = new PrometheusExporter(meter);
        var channel = options.EppAddress is { } epp ? GrpcChannel.ForAddress(epp, ChannelOptions(options, time)) : null;
        var services = new GatewayServices(options, channel, new UpstreamClient(options, metrics, logger), metrics, new ExtProcTimings(), logger, time);
        var server = new GatewayServer(app, services, meter, exporter);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var ports = KestrelHosting.BoundPorts(app);
        server.Port = ports[0];
        server.AdminPort = ports[1];
        var (poolText, eppText) = (string.Join(',', options.Pool.Endpoints), options.EppAddress?.ToString() ?? "none (round-robin)");
        GatewayLog.Started(logger, server.Port, server.AdminPort, poolText, eppText, options.FailOpen ? "fail-open" : "fail-closed");
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _services.Epp?.Dispose();
        _services.Upstream.Dispose();
        _exporter.Dispose();
        _meter.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.ContainsKey(AdminConnection)) return AdminAsync(context);
        return new GatewayExchange(_services, context).RunAsync();
    }

    private async Task AdminAsync(HttpContext context)
    {
        var response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/metrics":
                response.ContentType = PrometheusTextWriter.ContentType;
                await response.WriteAsync(_exporter.Collect(), context.RequestAborted).ConfigureAwait(false);
                break;
            case "/stats/ext_proc/reset" when HttpMethods.IsPost(context.Request.Method):
                _services.Timings.Reset();
                await response.WriteAsync("OK\n", context.RequestAborted).ConfigureAwait(false);
                break;
            case "/stats/ext_proc":
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(_services.Timings.Summary(), ReportJson.Options), context.RequestAborted).ConfigureAwait(false);
                break;
            case "/ready":
                await response.WriteAsync("LIVE\n", context.RequestAborted).ConfigureAwait(false);
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"admin endpoints: /metrics /stats/ext_proc (POST /stats/ext_proc/reset) /ready\n"), context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    private static GrpcChannelOptions ChannelOptions(GatewayOptions options, TimeProvider time) => new()
    {
        TimeProvider = time,
        TrustedCertificateAuthority = options.EppCertificateAuthority,
        ConnectTimeout = options.EppTimeout,
    };
}
