using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Events;
using EppOperator.Kube.LeaderElection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EppOperator.Kube.Hosting;

/// <summary>DI registration of the client and the controller runtime.</summary>
internal static class KubernetesServiceCollectionExtensions
{
    /// <summary>Registers one shared <see cref="KubernetesClient"/> built from <paramref name="config"/>.</summary>
    public static IServiceCollection AddKubernetesClient(this IServiceCollection services, Func<IServiceProvider, KubeClientConfig> config, KubernetesClientOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new KubernetesClient(config(sp), options, sp.GetService<ILogger<KubernetesClient>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers the controller runtime: event recorder and, when configured, a leader elector whose lease
    /// gates every controller that requires leadership. Call <see cref="AddKubernetesClient"/> first.
    /// </summary>
    public static OperatorBuilder AddKubernetesOperator(this IServiceCollection services, OperatorOptions? options = null)
    {
        options ??= new OperatorOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options.Events);
        services.TryAddSingleton<EventRecorder>();
        if (options.LeaderElection is { } election)
        {
            election.Validate();
            services.TryAddSingleton(election);
            services.TryAddSingleton<LeaderElector>();
            services.TryAddSingleton<ILeaderElector>(sp => sp.GetRequiredService<LeaderElector>());
            // Registered before any controller, so it stops last and releases the lease after they stopped.
            services.AddHostedService<LeaderElectionService>();
        }

        return new OperatorBuilder(services);
    }
}
