using EppOperator.Epp.Datalayer;
using Grpc.Health.V1;

namespace EppOperator.Epp.Health;

/// <summary>
/// What the gRPC health service answers, per service name, as GAIE does: <c>liveness</c> is SERVING while the
/// process runs; <c>readiness</c>, <c>envoy.service.ext_proc.v3.ExternalProcessor</c>, <c>""</c> and
/// <c>inference-extension</c> (the name the GAIE chart probes with one replica) are SERVING once the endpoint datastore
/// has synced, when leader (if leader election is on), and until draining starts at shutdown.
/// </summary>
internal sealed class EppReadiness
{
    public const string LivenessService = "liveness";
    public const string ReadinessService = "readiness";
    public const string ExtProcService = "envoy.service.ext_proc.v3.ExternalProcessor";
    public const string OverallService = "";
    public const string ChartProbeService = "inference-extension";

    private readonly EndpointDatastore _datastore;
    private readonly Lock _transitionLock = new();
    private readonly bool _leaderElection;
    private volatile bool _leader;
    private volatile bool _draining;
    private bool _lastReady;

    /// <param name="leaderElection">With <c>--ha-enable-leader-election</c> only the leader is ready, so Envoy sends traffic to it.</param>
    public EppReadiness(EndpointDatastore datastore, bool leaderElection = false)
    {
        _datastore = datastore;
        _leaderElection = leaderElection;
        _lastReady = IsReady;
        datastore.Changed += _ => RaiseIfChanged();
    }

    /// <summary>Raised when readiness flips, so a health <c>Watch</c> stream can push the new status.</summary>
    public event Action<bool>? ReadinessChanged;

    public bool IsReady => _datastore.IsSynced && (!_leaderElection || _leader) && !_draining;

    public static IReadOnlyList<string> Services { get; } = [LivenessService, ReadinessService, ExtProcService, OverallService, ChartProbeService];

    /// <summary>The status for <paramref name="service"/>, or null for a name this server does not know (NOT_FOUND).</summary>
    public HealthCheckResponse.Types.ServingStatus? Check(string service) => service switch
    {
        LivenessService => HealthCheckResponse.Types.ServingStatus.Serving,
        ReadinessService or ExtProcService or OverallService or ChartProbeService => IsReady
            ? HealthCheckResponse.Types.ServingStatus.Serving
            : HealthCheckResponse.Types.ServingStatus.NotServing,
        _ => null,
    };

    /// <summary>Fed by the leader elector.</summary>
    public void SetLeader(bool leader)
    {
        _leader = leader;
        RaiseIfChanged();
    }

    /// <summary>At SIGTERM: stop advertising readiness while in-flight streams finish; liveness stays SERVING.</summary>
    public void BeginDrain()
    {
        _draining = true;
        RaiseIfChanged();
    }

    private void RaiseIfChanged()
    {
        bool ready;
        lock (_transitionLock)
        {
            ready = IsReady;
            if (ready == _lastReady) return;
            _lastReady = ready;
        }

        ReadinessChanged?.Invoke(ready);
    }
}
