using EppOperator.Kube.Client;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Watches HTTPRoutes (when Gateway API is installed): a route that starts or stops referencing a pool (or its shadow
/// Service), or changes its parents, requeues the pools it references before and after the change.
/// </summary>
internal sealed class RouteWatcher : BackgroundService
{
    private readonly Informer<HttpRoute> _informer;

    public RouteWatcher(KubernetesClient client, PoolRequeue requeue, ILogger<RouteWatcher> logger, InformerOptions? options = null)
    {
        _informer = new Informer<HttpRoute>(client, options ?? new InformerOptions(), logger);
        _informer.AddHandler(e =>
        {
            foreach (var key in RouteReferences.CandidatePoolKeys(e.Object).Concat(e.Old is null ? [] : RouteReferences.CandidatePoolKeys(e.Old)).Distinct()) requeue.Requeue(key);
        });
    }

    public InformerCache<HttpRoute> Cache => _informer.Cache;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _informer.RunAsync(stoppingToken);
}
