using EppOperator.Epp.Metrics;
using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Events;
using EppOperator.Kube.Hosting;
using EppOperator.Kube.Informers;
using EppOperator.Kube.LeaderElection;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Hosting;

/// <summary>
/// The running operator: discovers which kinds the cluster serves, then hosts a controller per served inference
/// kind (pools of both versions, models, objectives, rewrites), informers over the children and HTTPRoutes, the
/// orphan sweep, leader election, and Kestrel with <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    public const string LeaseName = "epp-operator";

    private readonly WebApplication _app;
    private readonly KubernetesClient _client;

    private OperatorHost(WebApplication app, KubernetesClient client, IReadOnlyList<int> ports)
    {
        _app = app;
        _client = client;
        HealthPort = ports.Count > 0 ? ports[0] : 0;
        MetricsPort = ports.Count > 1 ? ports[1] : 0;
    }

    public IServiceProvider Services => _app.Services;

    public int HealthPort { get; }

    public int MetricsPort { get; }

    public static async Task<OperatorHost> StartAsync(OperatorRunOptions options, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger<OperatorHost>();
        OperatorLog.Starting(logger, OperatorConstants.BundleVersion, options.Settings.Namespace, options.Settings.DefaultDataPlane, options.Settings.SecureServing);
        var client = new KubernetesClient(options.Kube, logger: loggerFactory.CreateLogger<KubernetesClient>(), timeProvider: time);
        try
        {
            var capabilities = await ClusterCapabilities.DiscoverAsync(client, options.EnableEnvoyGateway, options.EnableIstio, cancellationToken).ConfigureAwait(false);
            await CrdInspector.InspectAsync(client, logger, cancellationToken).ConfigureAwait(false);
            var app = Build(options, client, capabilities, loggerFactory, time);
            _ = app.Services.GetRequiredService<InferenceDependents>();
            if (app.Services.GetService<EntityControllerHost<V1InferencePool>>() is { } v1) PoolAnnotationTrigger.Attach(v1);
            if (app.Services.GetService<EntityControllerHost<V1Alpha2InferencePool>>() is { } v1Alpha2) PoolAnnotationTrigger.Attach(v1Alpha2);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal)).Port)
                .ToList();
            return new OperatorHost(app, client, ports);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        // Registered as an instance, so the container does not dispose it (its connection pool).
        _client.Dispose();
    }

    private static WebApplication Build(OperatorRunOptions options, KubernetesClient client, ClusterCapabilities capabilities, ILoggerFactory loggerFactory, TimeProvider time)
    {
        // The empty builder reads no appsettings or ASPNETCORE_* variables: only the flags decide the listeners.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var services = builder.Services;
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddSingleton(client);
        services.AddSingleton(options.Settings);
        services.AddSingleton(capabilities);
        var logger = loggerFactory.CreateLogger<OperatorHost>();

        var operatorBuilder = services.AddKubernetesOperator(new OperatorOptions
        {
            LeaderElection = options.LeaderElection
                ? new LeaderElectionOptions
                {
                    LeaseName = LeaseName,
                    Namespace = options.Settings.Namespace,
                    Identity = options.Identity,
                    LeaseDuration = options.LeaseDuration,
                    RenewDeadline = options.RenewDeadline,
                    RetryPeriod = options.RetryPeriod,
                }
                : null,
            Events = new EventRecorderOptions { Component = "epp-operator", Instance = options.Identity },
        });
        void Add<TController, TEntity>(bool served)
            where TController : class, IEntityController<TEntity>
            where TEntity : class, IKubernetesEntity<TEntity>
        {
            if (!served)
            {
                OperatorLog.KindNotServed(logger, TEntity.EntityType);
                return;
            }

            operatorBuilder.AddController<TController, TEntity>(new ControllerOptions<TEntity> { Informer = options.Informer, MaxConcurrentReconciles = options.MaxConcurrentReconciles });
        }

        Add<V1InferencePoolController, V1InferencePool>(capabilities.V1Pools);
        Add<V1Alpha2InferencePoolController, V1Alpha2InferencePool>(capabilities.V1Alpha2Pools);
        Add<InferenceModelController, V1Alpha2InferenceModel>(capabilities.Models);
        Add<InferenceObjectiveController, V1Alpha2InferenceObjective>(capabilities.Objectives);
        Add<InferenceModelRewriteController, V1Alpha2InferenceModelRewrite>(capabilities.Rewrites);

        services.AddSingleton<PoolRoles>();
        services.AddSingleton<PoolRequeue>();
        services.AddSingleton<OperatorMetrics>();
        services.AddSingleton(sp => new ChildResources(client, capabilities, sp.GetRequiredService<PoolRequeue>(), sp.GetRequiredService<ILogger<ChildResources>>(), options.Informer));
        services.AddHostedService(sp => sp.GetRequiredService<ChildResources>());
        if (capabilities.HttpRoutes)
        {
            services.AddSingleton(sp => new RouteWatcher(client, sp.GetRequiredService<PoolRequeue>(), sp.GetRequiredService<ILogger<RouteWatcher>>(), options.Informer));
            services.AddHostedService(sp => sp.GetRequiredService<RouteWatcher>());
            services.AddSingleton<InformerCache<HttpRoute>>(sp => sp.GetRequiredService<RouteWatcher>().Cache);
        }
        else
        {
            OperatorLog.KindNotServed(logger, HttpRoute.EntityType);
        }

        services.AddSingleton<OperatorCertificateAuthority>();
        services.AddSingleton<InferenceStatusWriter>();
        services.AddSingleton<InferenceDependents>();
        services.AddSingleton<PoolReconciler>();
        services.AddSingleton(sp => new OrphanSweeper(sp, sp.GetRequiredService<ChildResources>(), options.Settings, time, sp.GetRequiredService<ILogger<OrphanSweeper>>(), sp.GetService<ILeaderElector>()));
        services.AddHostedService(sp => sp.GetRequiredService<OrphanSweeper>());

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Listener order is the order of the bound addresses read back after start.
            Listen(kestrel, options, options.HealthPort);
            Listen(kestrel, options, options.MetricsPort);
        });
        var app = builder.Build();
        var healthPort = options.HealthPort;
        app.MapGet("/healthz", (HttpContext context) => context.Response.WriteAsync("ok", context.RequestAborted));
        app.MapGet("/readyz", (HttpContext context) =>
        {
            var synced = context.RequestServices.GetRequiredService<ChildResources>().HasSynced;
            context.Response.StatusCode = synced ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(synced ? "ok" : "caches are not synced yet", context.RequestAborted);
        });
        app.MapPrometheusMetrics(app.Services.GetRequiredService<OperatorMetrics>().Exporter, options.MetricsPort == 0 || options.MetricsPort == healthPort ? null : options.MetricsPort);
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, OperatorRunOptions options, int port)
    {
        if (options.ListenAddress is { } address) kestrel.Listen(address, port, l => l.Protocols = HttpProtocols.Http1);
        else kestrel.ListenAnyIP(port, l => l.Protocols = HttpProtocols.Http1);
    }
}
