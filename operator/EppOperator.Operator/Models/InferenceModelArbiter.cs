using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Models;

/// <summary>
/// Decides an InferenceModel's <c>Ready</c> condition. Model names are unique per pool: the oldest object (creation
/// time, then name) keeps the name and later ones get <c>ModelNameInUse</c>; partially weighted target models are
/// rejected (upstream's CEL rule, repeated for API servers that do not evaluate CEL).
/// </summary>
internal static class InferenceModelArbiter
{
    public static string PoolKey(V1Alpha2InferenceModel model) =>
        $"{(string.IsNullOrEmpty(model.Spec.PoolRef.Group) ? V1Alpha2InferencePool.Group : model.Spec.PoolRef.Group)}/{model.Metadata.Namespace}/{model.Spec.PoolRef.Name}";

    /// <param name="model">The model to judge.</param>
    /// <param name="sameNamespace">Every model in its namespace (it may be among them).</param>
    public static ConditionPlan Evaluate(V1Alpha2InferenceModel model, IEnumerable<V1Alpha2InferenceModel> sameNamespace)
    {
        var targets = model.Spec.TargetModels ?? [];
        var weighted = targets.Count(t => t.Weight is not null);
        if (weighted > 0 && weighted < targets.Count)
        {
            return ConditionPlan.False(InferenceConditionReasons.ReasonInvalidTargetModels, "weights must be set for all target models or for none");
        }

        var pool = PoolKey(model);
        var holder = sameNamespace
            .Where(m => m.Metadata.DeletionTimestamp is null && m.Spec.ModelName == model.Spec.ModelName && PoolKey(m) == pool)
            .Append(model)
            .OrderBy(m => m.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Metadata.Name, StringComparer.Ordinal)
            .First();
        if (holder.Metadata.Uid != model.Metadata.Uid || holder.Metadata.Name != model.Metadata.Name)
        {
            return ConditionPlan.False(InferenceConditionReasons.ReasonModelNameInUse, $"model name '{model.Spec.ModelName}' is already used by InferenceModel {holder.Metadata.Name}, created earlier, for pool {model.Spec.PoolRef.Name}");
        }

        return ConditionPlan.True(InferenceConditionReasons.ReasonAccepted, $"model name '{model.Spec.ModelName}' is served by pool {model.Spec.PoolRef.Name}");
    }
}
