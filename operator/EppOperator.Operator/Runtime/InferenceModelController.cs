using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Models;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Writes <c>Ready</c> on InferenceModels whose pool the operator serves: <c>ModelNameInUse</c> for all but the oldest
/// model claiming a name in a pool. Any change requeues the other models of the pool, so the next-oldest takes over
/// when the holder goes away.
/// </summary>
internal sealed class InferenceModelController(
    InformerCache<V1Alpha2InferenceModel> models,
    IEntityRequeue<V1Alpha2InferenceModel> requeue,
    PoolRoles roles,
    InferenceStatusWriter writer) : IEntityController<V1Alpha2InferenceModel>
{
    public const string PoolIndex = "pool";

    public async Task<ReconcileResult> ReconcileAsync(V1Alpha2InferenceModel entity, CancellationToken cancellationToken)
    {
        var pool = InferenceModelArbiter.PoolKey(entity);
        if (!roles.IsServed(pool)) return ReconcileResult.Done;
        var siblings = models.ByIndex(PoolIndex, pool);
        var ready = InferenceModelArbiter.Evaluate(entity, siblings);
        if (await writer.WriteAsync(entity, m => m.Status, (m, s) => m.Status = s, InferenceConditionReasons.Ready, ready, cancellationToken).ConfigureAwait(false))
        {
            RequeueSiblings(entity, siblings);
        }

        return ReconcileResult.Done;
    }

    public Task DeletedAsync(V1Alpha2InferenceModel entity, CancellationToken cancellationToken)
    {
        RequeueSiblings(entity, models.ByIndex(PoolIndex, InferenceModelArbiter.PoolKey(entity)));
        return Task.CompletedTask;
    }

    private void RequeueSiblings(V1Alpha2InferenceModel entity, IEnumerable<V1Alpha2InferenceModel> siblings)
    {
        foreach (var sibling in siblings.Where(s => s.Metadata.Uid != entity.Metadata.Uid && s.Spec.ModelName == entity.Spec.ModelName))
        {
            requeue.Requeue(NamespacedName.Of(sibling));
        }
    }
}
