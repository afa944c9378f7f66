using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Kube.Config;
using EppOperator.Kube.Hosting;
using EppOperator.Kube.LeaderElection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// Registers the EPP's Kubernetes mode: the pool and pod watch feeding the datastore, the objective and
/// rewrite watch feeding the request path's stores, and optional leader election.
/// </summary>
internal static class KubernetesModeServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="options">Pool identity and watch settings (validate them first; the message names the flag).</param>
    /// <param name="config">Cluster access, usually <see cref="KubeConfigResolver.Resolve"/> (in-cluster in a pod).</param>
    /// <param name="policyStores">Where InferenceObjective and InferenceModelRewrite objects go; null skips watching them.</param>
    public static IServiceCollection AddEppKubernetesMode(
        this IServiceCollection services,
        EppKubernetesOptions options,
        Func<IServiceProvider, KubeClientConfig> config,
        Func<IServiceProvider, (InferenceObjectiveStore Objectives, ModelRewriteStore Rewrites)>? policyStores = null)
    {
        if (options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
        services.AddKubernetesClient(config);
        services.TryAddSingleton<EndpointDatastore>();
        services.AddSingleton(options);
        services.AddSingleton<InferencePoolEndpointSource>();
        services.AddHostedService(sp => sp.GetRequiredService<InferencePoolEndpointSource>());
        if (policyStores is not null)
        {
            services.AddHostedService(sp =>
            {
                var (objectives, rewrites) = policyStores(sp);
                return new InferencePolicySource(sp.GetRequiredService<Kube.Client.KubernetesClient>(), options, objectives, rewrites, sp.GetRequiredService<ILogger<InferencePolicySource>>());
            });
        }
        if (options.LeaderElection)
        {
            services.AddSingleton(new LeaderElectionOptions
            {
                LeaseName = options.LeaseName,
                Namespace = options.PoolNamespace,
                Identity = options.Identity,
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            });
            services.TryAddSingleton<LeaderElector>();
            services.TryAddSingleton<ILeaderElector>(sp => sp.GetRequiredService<LeaderElector>());
            services.AddHostedService<EppLeaderElectionService>();
        }

        return services;
    }
}
