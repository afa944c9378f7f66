using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Models;

namespace EppOperator.Operator.Runtime;

/// <summary>Writes <c>Accepted</c> on InferenceModelRewrites whose pool the operator serves; a change rechecks the pool's other rewrites.</summary>
internal sealed class InferenceModelRewriteController(
    InformerCache<V1Alpha2InferenceModelRewrite> rewrites,
    IEntityRequeue<V1Alpha2InferenceModelRewrite> requeue,
    PoolRoles roles,
    InferenceStatusWriter writer) : IEntityController<V1Alpha2InferenceModelRewrite>
{
    public const string PoolIndex = "pool";

    public static string PoolKey(V1Alpha2InferenceModelRewrite rewrite) => InferenceObjectiveValidator.PoolKey(rewrite.Spec.PoolRef, rewrite.Metadata.Namespace);

    public async Task<ReconcileResult> ReconcileAsync(V1Alpha2InferenceModelRewrite entity, CancellationToken cancellationToken)
    {
        var pool = PoolKey(entity);
        if (!roles.IsServed(pool)) return ReconcileResult.Done;
        var siblings = rewrites.ByIndex(PoolIndex, pool);
        var accepted = InferenceModelRewriteValidator.Evaluate(entity, siblings);
        if (await writer.WriteAsync(entity, r => r.Status, (r, s) => r.Status = s, InferenceConditionReasons.Accepted, accepted, cancellationToken).ConfigureAwait(false))
        {
            foreach (var sibling in siblings.Where(s => s.Metadata.Uid != entity.Metadata.Uid)) requeue.Requeue(NamespacedName.Of(sibling));
        }

        return ReconcileResult.Done;
    }

    public Task DeletedAsync(V1Alpha2InferenceModelRewrite entity, CancellationToken cancellationToken)
    {
        foreach (var sibling in rewrites.ByIndex(PoolIndex, PoolKey(entity))) requeue.Requeue(NamespacedName.Of(sibling));
        return Task.CompletedTask;
    }
}
