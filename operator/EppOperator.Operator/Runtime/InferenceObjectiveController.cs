using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Models;

namespace EppOperator.Operator.Runtime;

/// <summary>Writes <c>Ready</c> on InferenceObjectives whose pool the operator serves (upstream nothing writes it).</summary>
internal sealed class InferenceObjectiveController(PoolRoles roles, InferenceStatusWriter writer) : IEntityController<V1Alpha2InferenceObjective>
{
    public const string PoolIndex = "pool";

    public static string PoolKey(V1Alpha2InferenceObjective objective) => InferenceObjectiveValidator.PoolKey(objective.Spec.PoolRef, objective.Metadata.Namespace);

    public async Task<ReconcileResult> ReconcileAsync(V1Alpha2InferenceObjective entity, CancellationToken cancellationToken)
    {
        if (!roles.IsServed(PoolKey(entity))) return ReconcileResult.Done;
        await writer.WriteAsync(entity, o => o.Status, (o, s) => o.Status = s, InferenceConditionReasons.Ready, InferenceObjectiveValidator.Evaluate(entity), cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    public Task DeletedAsync(V1Alpha2InferenceObjective entity, CancellationToken cancellationToken) => Task.CompletedTask;
}
