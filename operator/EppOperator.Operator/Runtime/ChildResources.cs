using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Rbac;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Entities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Every kind of child the operator manages, each with an informer over the objects labelled
/// <c>app.kubernetes.io/managed-by=epp-operator</c>. A change to any child (including a user's edit or delete)
/// requeues its pool, which repairs it. Optional kinds (Envoy Gateway, Istio) are watched only when served.
/// </summary>
internal sealed class ChildResources : BackgroundService
{
    private readonly Dictionary<Type, IChildKind> _kinds = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChildResources(KubernetesClient client, ClusterCapabilities capabilities, PoolRequeue requeue, ILogger<ChildResources> logger, InformerOptions? informerOptions = null)
    {
        var options = informerOptions ?? new InformerOptions();
        void Add<T>()
            where T : class, IKubernetesEntity<T> =>
            _kinds[typeof(T)] = new ChildKind<T>(client, options, logger, requeue.RequeueOwnerOf);

        Add<ServiceAccount>();
        Add<Role>();
        Add<RoleBinding>();
        Add<ConfigMap>();
        Add<Secret>();
        Add<Service>();
        Add<Deployment>();
        if (capabilities.EnvoyGateway)
        {
            Add<EnvoyExtensionPolicy>();
            Add<EnvoyGatewayBackend>();
            Add<EnvoyGatewayBackendTrafficPolicy>();
        }

        if (capabilities.Istio) Add<IstioDestinationRule>();
    }

    public IEnumerable<IChildKind> Kinds => _kinds.Values;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The handler for <paramref name="type"/>, or null when the cluster does not serve that kind.</summary>
    public IChildKind? For(Type type) => _kinds.GetValueOrDefault(type);

    public ChildKind<T> Of<T>()
        where T : class, IKubernetesEntity<T> =>
        (ChildKind<T>)_kinds[typeof(T)];

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = _kinds.Values.Select(k => k.RunAsync(stoppingToken)).ToList();
        try
        {
            await Task.WhenAll(_kinds.Values.Select(k => k.WaitForSyncAsync(stoppingToken))).ConfigureAwait(false);
            _synced.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
