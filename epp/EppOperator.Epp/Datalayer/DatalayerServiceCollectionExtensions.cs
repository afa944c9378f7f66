using EppOperator.Epp.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EppOperator.Epp.Datalayer;

/// <summary>Registers the data layer for the <c>epp</c> host in one call.</summary>
internal static class DatalayerServiceCollectionExtensions
{
    /// <summary>
    /// The endpoint datastore, the engine mappings (built-ins plus <paramref name="engineOverrides"/>) and the
    /// metrics scraper as a hosted service. The host fills the datastore (static <c>--endpoints</c> or the pod
    /// watcher) and sets each <see cref="EndpointSpec.EngineType"/> from the pod label or its engine flag.
    /// </summary>
    public static IServiceCollection AddEppDatalayer(this IServiceCollection services, MetricsScraperOptions options, IEnumerable<EngineMetricMapping>? engineOverrides = null, string defaultEngine = EngineMetricMappings.Vllm)
    {
        if (options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EppMeter>();
        services.TryAddSingleton<EndpointDatastore>();
        services.TryAddSingleton<ScrapeHealthMetrics>();
        services.AddSingleton(options);
        services.AddSingleton(new EngineMetricMappings(engineOverrides, defaultEngine));
        services.AddSingleton<MetricsScraper>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsScraper>());
        return services;
    }
}
