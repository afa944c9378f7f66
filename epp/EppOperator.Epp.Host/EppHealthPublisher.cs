using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Host;

/// <summary>
/// Keeps the gRPC health service's statuses in step with <see cref="EppReadiness"/>: liveness always, readiness
/// (and <c>""</c>, the ext_proc service name) as readiness says, and <c>inference-extension</c> (the name the GAIE
/// chart probes with one replica) like readiness.
/// </summary>
internal sealed class EppHealthPublisher : IDisposable
{
    public const string ChartProbeService = "inference-extension";

    private readonly HealthStatusRegistry _registry;
    private readonly EppReadiness _readiness;

    public EppHealthPublisher(HealthStatusRegistry registry, EppReadiness readiness)
    {
        _registry = registry;
        _readiness = readiness;
        _readiness.ReadinessChanged += OnReadinessChanged;
        Publish();
    }

    public void Dispose() => _readiness.ReadinessChanged -= OnReadinessChanged;

    private void OnReadinessChanged(bool ready) => Publish();

    private void Publish()
    {
        foreach (var service in EppReadiness.Services)
        {
            if (_readiness.Check(service) is { } status) _registry.SetStatus(service, status);
        }

        _registry.SetStatus(ChartProbeService, _readiness.IsReady ? ServingStatus.Serving : ServingStatus.NotServing);
    }
}
