using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Epp.Health;
using EppOperator.Epp.Kubernetes;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests.Manifests;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Tls;
using EppOperator.Kube.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Host;

/// <summary>
/// The running EPP: one Kestrel with three listeners (ext_proc gRPC, TLS by default; gRPC health alone in plaintext
/// for probes; Prometheus <c>/metrics</c>), the request path wired to the data layer's datastore and scraper, and the
/// stores fed from the manifest file. gRPC health also answers on the ext_proc port, which Envoy's health check of
/// the ext_proc cluster uses. In Kubernetes mode (<c>--pool-name</c> without <c>--endpoints</c>) the pool, its pods and
/// the pool's objectives and rewrites are watched instead, and readiness waits for the pool to sync (and for the lease
/// with <c>--ha-enable-leader-election</c>). Stopping drains: readiness goes NOT_SERVING, streams get up to the drain timeout.
/// </summary>
internal sealed class EppHost : IAsyncDisposable
{
    private readonly EppHostOptions _options;
    private readonly WebApplication _app;
    private readonly HealthStatusRegistry _health;
    private readonly EppReadiness _readiness;
    private readonly EppHealthPublisher _healthPublisher;
    private readonly ServerCertificateProvider? _certificate;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _stopped;

    private EppHost(EppHostOptions options, WebApplication app, RequestPath requestPath, HealthStatusRegistry health, ServerCertificateProvider? certificate, TimeProvider timeProvider, IReadOnlyList<int> ports)
    {
        _options = options;
        _app = app;
        RequestPath = requestPath;
        _health = health;
        _readiness = app.Services.GetRequiredService<EppReadiness>();
        _healthPublisher = new EppHealthPublisher(health, _readiness);
        _certificate = certificate;
        _timeProvider = timeProvider;
        _logger = app.Services.GetRequiredService<ILogger<EppHost>>();
        GrpcPort = ports[0];
        HealthPort = ports[1];
        MetricsPort = ports[2];
    }

    public RequestPath RequestPath { get; }

    /// <summary>The bound ports (the chosen ones where the options said 0).</summary>
    public int GrpcPort { get; }

    public int HealthPort { get; }

    public int MetricsPort { get; }

    public Uri GrpcAddress => new($"{(_certificate is null ? "http" : "https")}://{ClientHost}:{GrpcPort}");

    public Uri HealthAddress => new($"http://{ClientHost}:{HealthPort}");

    public Uri MetricsAddress => new($"http://{ClientHost}:{MetricsPort}/metrics");

    private string ClientHost => _options.ListenAddress is { } a && !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)
        ? Endpoint.FormatHostPort(a, 0)[..^2]
        : "localhost";

    /// <summary>The process entry point: start, wait for SIGTERM or SIGINT, drain, exit 0 (1 if start-up failed).</summary>
    public static async Task<int> RunAsync(EppHostOptions options, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(options.LogLevel)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }));
        var logger = loggerFactory.CreateLogger<EppHost>();
        EppHost host;
        try
        {
            host = await StartAsync(options, loggerFactory, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EppHostLog.StartFailed(logger, ex);
            return 1;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            // Keep the runtime from exiting at once: the drain decides when the process ends.
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        await using (cancellationToken.Register(() => stop.TrySetResult()).ConfigureAwait(false))
        {
            await stop.Task.ConfigureAwait(false);
        }

        await host.DisposeAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Builds the request path from <paramref name="options"/> and starts serving, with the configured scheduler
    /// (<see cref="EppHostOptions.SchedulerConfig"/>, reloaded when its file changes) and its lifecycle hooks.
    /// </summary>
    public static async Task<EppHost> StartAsync(EppHostOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Resolve cluster access first: a broken kubeconfig fails start-up with a message naming the file.
        var cluster = options.IsKubernetesMode ? KubeConfigResolver.Resolve(options.Kubeconfig) : null;
        var certificate = ServerCertificateProvider.Create(
            new SecureServingOptions { SecureServing = options.SecureServing, CertPath = options.CertPath },
            loggerFactory.CreateLogger("EppOperator.Epp.Tls"),
            timeProvider);
        try
        {
            // The empty builder reads no appsettings.json or ASPNETCORE_* variables (container images set some), so
            // only the flags decide what the process listens on.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRoutingCore();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            builder.Services.AddSingleton(timeProvider);
            builder.Services.AddEppDatalayer(options.Scraper);
            var (commit, buildRef) = BuildInfoMetrics.FromAssembly(typeof(EppHost).Assembly);
            builder.Services.AddEppMetrics(options.PoolName ?? "standalone", options.Scraper.StalenessThreshold, commit, buildRef);
            builder.Services.AddEppReadiness(leaderElection: options.LeaderElection);
            builder.Services.AddEppScheduling(options.SchedulerConfig);
            builder.Services.AddEppAdmission(options.PoolName ?? "standalone", options.Scraper.RefreshInterval);
            builder.Services.AddSingleton(sp => RequestPath.Create(
                ExtProcOptionsOf(options),
                loggerFactory,
                timeProvider,
                sp.GetRequiredService<IScheduler>(),
                [.. sp.GetServices<IRequestLifecycleHook>()],
                meter: sp.GetRequiredService<EppMeter>(),
                datastore: sp.GetRequiredService<EndpointDatastore>(),
                admission: sp.GetRequiredService<AdmissionController>()));
            if (cluster is not null)
            {
                builder.Services.AddEppKubernetesMode(KubernetesOptionsOf(options), _ => cluster, sp =>
                {
                    var path = sp.GetRequiredService<RequestPath>();
                    return (path.Objectives, path.Rewrites);
                });
            }

            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                // Listener order is the order of the bound addresses read back below.
                kestrel.ListenGrpc(new GrpcServerEndpoint { Address = options.ListenAddress, Port = options.GrpcPort, Certificate = certificate });
                kestrel.ListenGrpc(new GrpcServerEndpoint { Address = options.ListenAddress, Port = options.GrpcHealthPort });
                if (options.ListenAddress is { } address) kestrel.Listen(address, options.MetricsPort, l => l.Protocols = HttpProtocols.Http1AndHttp2);
                else kestrel.ListenAnyIP(options.MetricsPort, l => l.Protocols = HttpProtocols.Http1AndHttp2);
            });

            var app = builder.Build();
            var requestPath = app.Services.GetRequiredService<RequestPath>();
            if (options.InferenceResourcesFile is { } path) LoadManifests(path, options, requestPath, app.Services.GetRequiredService<ILogger<EppHost>>());
            if (!options.IsKubernetesMode)
            {
                // In Kubernetes mode the pool watch fills the datastore; marking it synced here would report ready too early.
                requestPath.Datastore.ReplaceAll(options.Endpoints.Select(e => e with
                {
                    EngineType = options.EngineType,
                    MetricsPort = options.ModelServerMetricsPort == 0 ? e.Port : options.ModelServerMetricsPort,
                }));
            }

            var health = new HealthStatusRegistry();
            var grpcOptions = new GrpcServerOptions { MaxReceiveMessageSize = options.GrpcMaxReceiveMessageSize };
            var healthService = new HealthService(health);
            var healthMethods = new GrpcMethodRegistry();
            healthService.Register(healthMethods);
            var methods = new GrpcMethodRegistry();
            methods.AddDuplexStreaming(ExtProcConstants.ProcessMethod, ProcessingRequest.Parser, requestPath.Service.Method);
            healthService.Register(methods);

            // The probe port is plaintext: it answers health only, so ext_proc is reachable only on its own (TLS) port.
            var healthPort = new StrongBox<int>(options.GrpcHealthPort);
            app.UseWhen(context => context.Connection.LocalPort == Volatile.Read(ref healthPort.Value), probes => probes.UseGrpcMethods(healthMethods, grpcOptions));
            app.UseGrpcMethods(methods, grpcOptions);
            app.MapPrometheusMetrics(app.Services.GetRequiredService<PrometheusExporter>(), options.MetricsPort == 0 ? null : options.MetricsPort);

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal)).Port)
                .ToList();
            Volatile.Write(ref healthPort.Value, ports[1]);
            var host = new EppHost(options, app, requestPath, health, certificate, timeProvider, ports);
            EppHostLog.Started(host._logger, host.GrpcPort, certificate is null ? "h2c" : "TLS", host.HealthPort, host.MetricsPort, requestPath.Datastore.Current.Count);
            if (options.ConformanceHooks) EppHostLog.ConformanceHooksEnabled(host._logger);
            return host;
        }
        catch
        {
            certificate?.Dispose();
            throw;
        }
    }

    public static EppKubernetesOptions KubernetesOptionsOf(EppHostOptions options) => new()
    {
        PoolName = options.PoolName!,
        PoolNamespace = options.PoolNamespace,
        PoolGroup = options.PoolGroup,
        LeaderElection = options.LeaderElection,
        ModelServerMetricsPort = options.ModelServerMetricsPort,
        DefaultEngineType = options.EngineType,
    };

    public static ExtProcOptions ExtProcOptionsOf(EppHostOptions options) => new()
    {
        MaxRequestBodyBytes = options.MaxRequestBodyBytes,
        ConformanceHooks = options.ConformanceHooks,
        DisableEndpointSubsetFilter = options.DisableEndpointSubsetFilter,
    };

    /// <summary>
    /// Drains and stops: readiness NOT_SERVING at once (liveness stays SERVING); new and open streams keep being
    /// served until none is open or the drain timeout passes; then the server stops and any stream left is reset.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _readiness.BeginDrain();
        var service = RequestPath.Service;
        EppHostLog.Draining(_logger, _options.DrainTimeout, service.ActiveStreams);
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            drain.CancelAfter(_options.DrainTimeout);
            try
            {
                await service.WaitForIdleAsync(_timeProvider, drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Drain timeout: the remaining streams are reset when the server stops below.
            }
        }

        EppHostLog.Drained(_logger, service.ActiveStreams);
        _health.Shutdown();
        using var stopWait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stopWait.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _healthPublisher.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate?.Dispose();
    }

    private static void LoadManifests(string path, EppHostOptions options, RequestPath requestPath, ILogger logger)
    {
        var set = InferenceManifestReader.Read(File.ReadAllText(path), options.PoolName);
        if (!set.IsValid)
        {
            throw new InvalidDataException($"--inference-resources-file {path}: " + string.Join("; ", set.Errors));
        }

        foreach (var warning in set.Warnings) EppHostLog.ManifestWarning(logger, $"--inference-resources-file {path}: {warning}");
        requestPath.Objectives.ReplaceAll(set.Objectives);
        requestPath.Objectives.ReplaceAllModels(set.Models);
        requestPath.Rewrites.ReplaceAll(set.Rewrites);
        EppHostLog.ManifestsLoaded(logger, set.Objectives.Count, set.Rewrites.Count, path);
    }
}
