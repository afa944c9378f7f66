using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace EppOperator.Operator.Runtime;

/// <summary>Queues a pool of either version by its <c>GROUP/NAMESPACE/NAME</c> key (from a child's annotation or a route).</summary>
internal sealed class PoolRequeue(IServiceProvider services)
{
    public void Requeue(string poolKey, TimeSpan? delay = null)
    {
        var parts = poolKey.Split('/', 3);
        if (parts.Length != 3) return;
        var key = new NamespacedName(parts[1], parts[2]);
        switch (parts[0])
        {
            case V1InferencePool.Group:
                services.GetService<IEntityRequeue<V1InferencePool>>()?.Requeue(key, delay);
                break;
            case V1Alpha2InferencePool.Group:
                services.GetService<IEntityRequeue<V1Alpha2InferencePool>>()?.Requeue(key, delay);
                break;
        }
    }

    /// <summary>Queues the pool a child belongs to (read from the child's pool annotation).</summary>
    public void RequeueOwnerOf(IKubernetesObject child)
    {
        if (child.Metadata.Annotations?.GetValueOrDefault(OperatorConstants.PoolAnnotation) is { Length: > 0 } poolKey) Requeue(poolKey);
    }
}
