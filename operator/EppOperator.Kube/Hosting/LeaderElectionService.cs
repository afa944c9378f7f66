using EppOperator.Kube.LeaderElection;
using Microsoft.Extensions.Hosting;

namespace EppOperator.Kube.Hosting;

/// <summary>Runs the elector for the host's lifetime; on shutdown it steps down and releases the lease.</summary>
internal sealed class LeaderElectionService(LeaderElector elector) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => elector.RunAsync(stoppingToken);
}
