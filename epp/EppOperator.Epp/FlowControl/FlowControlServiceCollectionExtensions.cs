using System.Collections.Immutable;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.FlowControl;

/// <summary>Registers admission (legacy shedding or flow control) for the <c>epp</c> host.</summary>
internal static class FlowControlServiceCollectionExtensions
{
    /// <summary>
    /// Checks the admission part of a configuration (detector, feature gate, <c>flowControl</c>) for the host's
    /// start-up validation, next to the scheduler's.
    /// </summary>
    public static ConfigDiagnostics ValidateAdmissionConfig(EndpointPickerConfig config)
    {
        var diagnostics = new ConfigDiagnostics();
        _ = FlowControlFactory.Build(config, TimeProvider.System, diagnostics);
        return diagnostics;
    }

    /// <summary>
    /// The <see cref="AdmissionController"/> built from the configuration the scheduler started with (register
    /// <see cref="SchedulingServiceCollectionExtensions.AddEppScheduling"/> too) over the endpoint datastore, with the
    /// <c>inference_extension_flow_control_*</c> metrics for <paramref name="poolName"/> when flow control is on.
    /// Disposing the service provider stops flow control and evicts what is still queued. Validate first with
    /// <see cref="ValidateAdmissionConfig"/>: an invalid configuration fails when the controller is first resolved.
    /// </summary>
    public static IServiceCollection AddEppAdmission(this IServiceCollection services, string poolName, TimeSpan scrapeInterval)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EppMeter>();
        services.TryAddSingleton<EndpointDatastore>();
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var loggers = sp.GetService<ILoggerFactory>();
            var logger = loggers?.CreateLogger<AdmissionController>() ?? (ILogger)NullLogger.Instance;
            var setup = Build(sp.GetRequiredService<SchedulerConfigLoader>(), time, scrapeInterval, logger);
            var datastore = sp.GetRequiredService<EndpointDatastore>();
            ImmutableArray<Endpoint> Endpoints() => datastore.Current.Endpoints;
            if (setup.FlowControl is not { } options) return new AdmissionController(setup.Detector, Endpoints, logger: logger);

            var metrics = new FlowControlMetrics(sp.GetRequiredService<EppMeter>(), poolName, logger: logger);
            var controller = new FlowController(options, setup.Detector, Endpoints, time, metrics, loggers?.CreateLogger<FlowController>());
            return new AdmissionController(setup.Detector, Endpoints, controller, metrics, logger);
        });
        return services;
    }

    private static FlowControlSetup Build(SchedulerConfigLoader loader, TimeProvider time, TimeSpan scrapeInterval, ILogger logger)
    {
        var diagnostics = new ConfigDiagnostics();
        var setup = FlowControlFactory.Build(loader.InitialConfig, time, diagnostics, scrapeInterval);
        if (setup is null || diagnostics.HasErrors) throw new InvalidOperationException($"{loader.Source.Flag}: {diagnostics.Describe()}");

        foreach (var warning in diagnostics.Warnings) ConfigLog.Warning(logger, loader.Source.Description, warning.ToString());
        return setup;
    }
}
