namespace EppOperator.Kube.Controllers;

/// <summary>
/// Reconciles one entity type, KubeOps-style. <see cref="ReconcileAsync"/> runs for added objects and for
/// changes of the desired state (generation); <see cref="DeletedAsync"/> after the object is gone.
/// Reconciles are level-based: read the object's current state, converge, return what to do next.
/// Implementations are resolved in a fresh DI scope per call.
/// </summary>
internal interface IEntityController<in TEntity>
    where TEntity : IKubernetesObject
{
    Task<ReconcileResult> ReconcileAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>Cleans up after a deleted object (its last known state); throwing retries it with backoff, so keep it idempotent.</summary>
    Task DeletedAsync(TEntity entity, CancellationToken cancellationToken);
}
