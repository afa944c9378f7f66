using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Config;

/// <summary>The one call a host makes to get the configured scheduler, its lifecycle hooks and config reloading.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Checks a configuration source without starting anything, for the host's startup validation: on failure it
    /// prints <see cref="ConfigDiagnostics.Describe"/> prefixed with <see cref="SchedulerConfigSource.Flag"/> and exits.
    /// </summary>
    public static SchedulerBuildResult ValidateSchedulerConfig(SchedulerConfigSource source)
    {
        var builder = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, Random.Shared);
        _ = SchedulerConfigLoader.Load(source, builder, NullLogger.Instance, out var result);
        return result;
    }

    /// <summary>
    /// Registers <see cref="ReloadableScheduler"/> as the <see cref="IScheduler"/> and as an
    /// <see cref="IRequestLifecycleHook"/>, the scheduler metrics, and the background upkeep (config-file reloads,
    /// prefix-index purge on endpoint changes). Validate first with <see cref="ValidateSchedulerConfig"/>: an invalid
    /// configuration fails when the scheduler is first resolved.
    /// </summary>
    public static IServiceCollection AddEppScheduling(this IServiceCollection services, SchedulerConfigSource source, TimeSpan? reloadInterval = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new EppMeter());
        services.TryAddSingleton(_ => PluginRegistry.CreateDefault());
        services.TryAddSingleton(sp => new SchedulerMetrics(sp.GetRequiredService<EppMeter>()));
        services.AddSingleton(sp =>
        {
            var metrics = sp.GetRequiredService<SchedulerMetrics>();
            var builder = new SchedulerBuilder(sp.GetRequiredService<PluginRegistry>(), metrics, sp.GetRequiredService<TimeProvider>(), Random.Shared);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<SchedulerConfigLoader>() ?? (ILogger)NullLogger.Instance;
            var loader = SchedulerConfigLoader.Load(source, builder, logger, out var result)
                ?? throw new InvalidOperationException($"{source.Flag}: {result.Diagnostics.Describe()}");
            metrics.PrefixIndexSize = () => loader.Scheduler.Current.Producers.OfType<ApproxPrefixCacheProducer>().Sum(p => p.Index.TotalBlocks);
            return loader;
        });
        services.AddSingleton(sp => sp.GetRequiredService<SchedulerConfigLoader>().Scheduler);
        services.AddSingleton<IScheduler>(sp => sp.GetRequiredService<ReloadableScheduler>());
        services.AddSingleton<IRequestLifecycleHook>(sp => sp.GetRequiredService<ReloadableScheduler>());
        services.AddHostedService(sp => new SchedulingMaintenance(
            sp.GetRequiredService<SchedulerConfigLoader>(),
            sp.GetService<EndpointDatastore>(),
            reloadInterval ?? SchedulingMaintenance.DefaultReloadInterval,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<SchedulingMaintenance>() ?? NullLogger<SchedulingMaintenance>.Instance));
        return services;
    }
}
