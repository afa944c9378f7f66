using EppOperator.Kube.Controllers;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Planning;

/// <summary>
/// Metadata every child of a pool carries: the standard app labels, the pool's UID (cleanup of children in other
/// namespaces) and key (requeue on child events), and a controller owner reference to the pool when the child
/// lives in the pool's namespace, so garbage collection removes it with the pool. The pool itself is never touched.
/// </summary>
internal static class ChildMetadata
{
    /// <summary>Labels that select the pods of one component of one pool.</summary>
    public static Dictionary<string, string> SelectorLabels(InferencePoolView pool, string component) => new()
    {
        [OperatorConstants.NameLabel] = component,
        [OperatorConstants.InstanceLabel] = ChildNames.Fit(pool.Name),
    };

    public static ObjectMeta For(InferencePoolView pool, string name, string component, string? ns = null)
    {
        var labels = SelectorLabels(pool, component);
        labels[OperatorConstants.ManagedByLabel] = OperatorConstants.ManagedByValue;
        labels[OperatorConstants.PartOfLabel] = "inference-pool";
        if (pool.Uid.Length > 0) labels[OperatorConstants.PoolUidLabel] = pool.Uid;
        var metadata = new ObjectMeta
        {
            Name = name,
            Namespace = ns ?? pool.Namespace,
            Labels = labels,
            Annotations = new Dictionary<string, string> { [OperatorConstants.PoolAnnotation] = pool.Key },
        };
        if (pool.Uid.Length > 0 && metadata.Namespace == pool.Namespace)
        {
            metadata.OwnerReferences = [OwnerReferences.For(pool.Object)];
        }

        return metadata;
    }
}
