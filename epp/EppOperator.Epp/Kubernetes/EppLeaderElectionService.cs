using EppOperator.Epp.Health;
using EppOperator.Kube.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// With <c>--ha-enable-leader-election</c>: campaigns for the pool's lease and tells readiness whether this
/// replica leads, so Envoy routes to the leader only. Releases the lease on shutdown.
/// </summary>
internal sealed class EppLeaderElectionService : BackgroundService
{
    private readonly LeaderElector _elector;
    private readonly EppKubernetesOptions _options;
    private readonly EppReadiness? _readiness;
    private readonly ILogger _logger;

    public EppLeaderElectionService(LeaderElector elector, EppKubernetesOptions options, ILogger<EppLeaderElectionService> logger, EppReadiness? readiness = null)
    {
        _elector = elector;
        _options = options;
        _readiness = readiness;
        _logger = logger;
        _elector.StartedLeading += () => SetLeader(true);
        _elector.StoppedLeading += () => SetLeader(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _elector.RunAsync(stoppingToken);

    private void SetLeader(bool leading)
    {
        KubernetesSourceLog.LeadershipChanged(_logger, _options.PoolNamespace, _options.PoolName, leading);
        _readiness?.SetLeader(leading);
    }
}
