using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Runtime;

/// <summary>Reconciles legacy <c>inference.networking.x-k8s.io/v1alpha2</c> InferencePools.</summary>
internal sealed class V1Alpha2InferencePoolController(PoolReconciler reconciler, KubernetesClient client, TimeProvider time) : IEntityController<V1Alpha2InferencePool>
{
    public Task<ReconcileResult> ReconcileAsync(V1Alpha2InferencePool entity, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(InferencePoolView.From(entity), new V1Alpha2PoolStatusWriter(client, time), cancellationToken);

    public Task DeletedAsync(V1Alpha2InferencePool entity, CancellationToken cancellationToken) =>
        reconciler.CleanUpAsync(InferencePoolView.From(entity), cancellationToken);
}
