using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Scheduling.RequestControl;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Config;

/// <summary>
/// Background upkeep of the scheduler: polls <c>--config-file</c> and applies changes (a mounted ConfigMap is
/// replaced through a symlink swap, which file-change events miss, so it is polled), and makes the prefix index
/// forget endpoints that left the pool.
/// </summary>
internal sealed class SchedulingMaintenance(
    SchedulerConfigLoader loader,
    EndpointDatastore? datastore,
    TimeSpan reloadInterval,
    TimeProvider time,
    ILogger<SchedulingMaintenance> logger) : BackgroundService
{
    /// <summary>How often the configuration file is re-read by default.</summary>
    public static readonly TimeSpan DefaultReloadInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (datastore is not null) datastore.Changed += PurgeDepartedEndpoints;
        try
        {
            if (loader.Source.FilePath is null)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(reloadInterval, time, stoppingToken).ConfigureAwait(false);
                try
                {
                    loader.Reload();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ConfigLog.Rejected(logger, loader.Source.Description, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (datastore is not null) datastore.Changed -= PurgeDepartedEndpoints;
        }
    }

    private void PurgeDepartedEndpoints(EndpointSnapshot snapshot)
    {
        var removed = 0;
        foreach (var producer in loader.Scheduler.Current.Producers.OfType<ApproxPrefixCacheProducer>())
        {
            removed += producer.Index.RetainOnly(snapshot.Endpoints);
        }

        if (removed > 0) ConfigLog.PrefixIndexPurged(logger, removed);
    }
}
