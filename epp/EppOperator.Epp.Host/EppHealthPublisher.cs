using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Health;

namespace EppOperator.Epp.Host;

/// <summary>Keeps the gRPC health service's statuses in step with <see cref="EppReadiness"/>, for each of its services.</summary>
internal sealed class EppHealthPublisher : IDisposable
{
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
    }
}
