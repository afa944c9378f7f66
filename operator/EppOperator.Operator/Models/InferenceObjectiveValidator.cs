using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Models;

/// <summary>An InferenceObjective's <c>Ready</c> condition: it must name a v1 InferencePool (same namespace by construction).</summary>
internal static class InferenceObjectiveValidator
{
    public static string PoolKey(PoolObjectReference poolRef, string? ns) =>
        $"{(string.IsNullOrEmpty(poolRef.Group) ? V1InferencePool.Group : poolRef.Group)}/{ns}/{poolRef.Name}";

    public static ConditionPlan Evaluate(V1Alpha2InferenceObjective objective)
    {
        if (PoolRefProblem(objective.Spec.PoolRef) is { } problem) return ConditionPlan.False(InferenceConditionReasons.ReasonInvalidPoolRef, problem);
        var priority = objective.Spec.Priority ?? 0;
        return ConditionPlan.True(InferenceConditionReasons.ReasonAccepted, $"priority {priority} applies to requests for pool {objective.Spec.PoolRef.Name} that name this objective");
    }

    /// <summary>Objectives and rewrites apply to v1 pools only.</summary>
    public static string? PoolRefProblem(PoolObjectReference poolRef)
    {
        var group = string.IsNullOrEmpty(poolRef.Group) ? V1InferencePool.Group : poolRef.Group;
        var kind = string.IsNullOrEmpty(poolRef.Kind) ? "InferencePool" : poolRef.Kind;
        return group == V1InferencePool.Group && kind == "InferencePool"
            ? null
            : $"poolRef must name an InferencePool of group {V1InferencePool.Group}, not {kind} of group {group}";
    }
}
