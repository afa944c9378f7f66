using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.LeaderElection;
using EppOperator.Operator.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Deletes children whose pool no longer exists: the ones in other namespaces (which owner references cannot
/// collect) when a pool was deleted while the operator was down, and any a missed deletion left behind. Runs on
/// the leader only, after the caches have synced, then every resync period.
/// </summary>
internal sealed class OrphanSweeper(
    IServiceProvider services,
    ChildResources children,
    OperatorSettings settings,
    TimeProvider time,
    ILogger<OrphanSweeper> logger,
    ILeaderElector? elector = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await children.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            var v1 = services.GetService<EntityControllerHost<V1InferencePool>>();
            var v1Alpha2 = services.GetService<EntityControllerHost<V1Alpha2InferencePool>>();
            if (v1 is not null) await v1.Informer.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            if (v1Alpha2 is not null) await v1Alpha2.Informer.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var leadership = elector is null ? CancellationToken.None : await elector.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership);
                try
                {
                    var live = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var pool in v1?.Cache.List() ?? []) live.Add(pool.Metadata.Uid ?? "");
                    foreach (var pool in v1Alpha2?.Cache.List() ?? []) live.Add(pool.Metadata.Uid ?? "");
                    await SweepAsync(live, leading.Token).ConfigureAwait(false);
                    await Task.Delay(settings.ResyncPeriod, time, leading.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Leadership ended: sweep again in the next term.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task SweepAsync(HashSet<string> livePoolUids, CancellationToken cancellationToken)
    {
        foreach (var kind in children.Kinds)
        {
            foreach (var child in kind.All())
            {
                var uid = child.Metadata.Labels?.GetValueOrDefault(OperatorConstants.PoolUidLabel);
                if (string.IsNullOrEmpty(uid) || livePoolUids.Contains(uid)) continue;
                try
                {
                    var deleted = await kind.DeleteAsync(child, cancellationToken).ConfigureAwait(false);
                    OperatorLog.OrphanDeleted(logger, deleted.Description, uid);
                }
                catch (KubernetesException ex) when (ex.IsNotFound || ex.IsConflict)
                {
                }
                catch (KubernetesException ex)
                {
                    OperatorLog.SweepFailed(logger, ex.Message);
                }
            }
        }
    }
}
