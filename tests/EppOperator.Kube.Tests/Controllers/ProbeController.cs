using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Apps;

namespace EppOperator.Kube.Tests.Controllers;

/// <summary>A controller that records each call and delegates its behaviour to the probe.</summary>
internal sealed class ProbeController(ControllerProbe probe) : IEntityController<Deployment>
{
    public Task<ReconcileResult> ReconcileAsync(Deployment entity, CancellationToken cancellationToken)
    {
        probe.Record($"reconcile:{entity.Metadata.Name}:{entity.Metadata.Generation}");
        return probe.OnReconcile?.Invoke(entity, cancellationToken) ?? Task.FromResult(ReconcileResult.Done);
    }

    public Task DeletedAsync(Deployment entity, CancellationToken cancellationToken)
    {
        probe.Record($"deleted:{entity.Metadata.Name}");
        return probe.OnDeleted?.Invoke(entity, cancellationToken) ?? Task.CompletedTask;
    }
}
