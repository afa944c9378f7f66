namespace EppOperator.Kube.Finalizers;

/// <summary>
/// Cleanup that must finish before a deleting object may go. Runs when the object has a deletionTimestamp
/// and this finalizer's identifier in <c>metadata.finalizers</c>; on success the runtime removes the
/// identifier. Throwing retries with backoff. Must be idempotent.
/// </summary>
internal interface IEntityFinalizer<in TEntity>
    where TEntity : IKubernetesObject
{
    Task FinalizeAsync(TEntity entity, CancellationToken cancellationToken);
}
