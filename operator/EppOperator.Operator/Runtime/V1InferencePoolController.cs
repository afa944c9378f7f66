using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Runtime;

/// <summary>Reconciles <c>inference.networking.k8s.io/v1</c> InferencePools. No finalizer: the pool is shared.</summary>
internal sealed class V1InferencePoolController(PoolReconciler reconciler, KubernetesClient client, TimeProvider time) : IEntityController<V1InferencePool>
{
    public Task<ReconcileResult> ReconcileAsync(V1InferencePool entity, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(InferencePoolView.From(entity), new V1PoolStatusWriter(client, time), cancellationToken);

    public Task DeletedAsync(V1InferencePool entity, CancellationToken cancellationToken) =>
        reconciler.CleanUpAsync(InferencePoolView.From(entity), cancellationToken);
}
