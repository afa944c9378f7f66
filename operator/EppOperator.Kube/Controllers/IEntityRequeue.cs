namespace EppOperator.Kube.Controllers;

/// <summary>
/// Queues an object of <typeparamref name="TEntity"/> for reconciliation, e.g. from a watch on a child type.
/// Newest delay wins; an event for the object replaces a pending delayed requeue.
/// </summary>
internal interface IEntityRequeue<TEntity>
    where TEntity : IKubernetesObject
{
    void Requeue(NamespacedName key, TimeSpan? delay = null);
}
