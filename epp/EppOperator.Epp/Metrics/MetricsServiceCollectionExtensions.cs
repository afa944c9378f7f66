using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Metrics;

/// <summary>Registers the EPP's own metrics and readiness for the <c>epp</c> host.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="PrometheusExporter"/> (serve it with <see cref="MetricsEndpointRouteBuilderExtensions.MapPrometheusMetrics"/>
    /// on <c>--metrics-port</c>), the <c>inference_pool_*</c> gauges for <paramref name="poolName"/> and
    /// <c>inference_extension_info</c>. Resolving the exporter creates the gauges, so they exist from the first scrape.
    /// </summary>
    public static IServiceCollection AddEppMetrics(this IServiceCollection services, string poolName, TimeSpan stalenessThreshold, string commit = "unknown", string buildRef = "unknown")
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EppMeter>();
        services.TryAddSingleton<EndpointDatastore>();
        services.AddSingleton(sp => new PoolMetrics(sp.GetRequiredService<EppMeter>(), sp.GetRequiredService<EndpointDatastore>(), poolName, stalenessThreshold, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var meter = sp.GetRequiredService<EppMeter>();
            _ = sp.GetRequiredService<PoolMetrics>();
            BuildInfoMetrics.Register(meter, commit, buildRef);
            return new PrometheusExporter(meter, logger: sp.GetService<ILogger<PrometheusExporter>>());
        });
        return services;
    }

    /// <summary>Readiness for the gRPC health service: synced datastore, leadership when <paramref name="leaderElection"/>, not draining.</summary>
    public static IServiceCollection AddEppReadiness(this IServiceCollection services, bool leaderElection = false)
    {
        services.TryAddSingleton<EndpointDatastore>();
        services.AddSingleton(sp => new EppReadiness(sp.GetRequiredService<EndpointDatastore>(), leaderElection));
        return services;
    }
}
