using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Models;

/// <summary>
/// An InferenceModelRewrite's <c>Accepted</c> condition: a v1 pool, and within each rule either every target
/// weighted or none (upstream has no CEL rule for it). Exact matches already claimed by an older rewrite of the same
/// pool are reported in the message: precedence gives them to the older one.
/// </summary>
internal static class InferenceModelRewriteValidator
{
    public static ConditionPlan Evaluate(V1Alpha2InferenceModelRewrite rewrite, IEnumerable<V1Alpha2InferenceModelRewrite> sameNamespace)
    {
        if (InferenceObjectiveValidator.PoolRefProblem(rewrite.Spec.PoolRef) is { } problem) return ConditionPlan.False(InferenceConditionReasons.ReasonInvalidPoolRef, problem);
        for (var i = 0; i < rewrite.Spec.Rules.Count; i++)
        {
            var targets = rewrite.Spec.Rules[i].Targets;
            var weighted = targets.Count(t => t.Weight > 0);
            if (targets.Count > 1 && weighted > 0 && weighted < targets.Count)
            {
                return ConditionPlan.False(InferenceConditionReasons.ReasonInvalidWeights, $"rule {i}: weights must be set (non-zero) for all targets or for none");
            }
        }

        var pool = InferenceObjectiveValidator.PoolKey(rewrite.Spec.PoolRef, rewrite.Metadata.Namespace);
        var older = sameNamespace
            .Where(r => r.Metadata.Uid != rewrite.Metadata.Uid && r.Metadata.DeletionTimestamp is null && InferenceObjectiveValidator.PoolKey(r.Spec.PoolRef, r.Metadata.Namespace) == pool && IsOlder(r, rewrite))
            .ToList();
        var claimed = older.SelectMany(r => ExactMatches(r).Select(m => (Model: m, Owner: r.Metadata.Name))).GroupBy(x => x.Model).ToDictionary(g => g.Key, g => g.First().Owner, StringComparer.Ordinal);
        var shadowed = ExactMatches(rewrite).Where(claimed.ContainsKey).Distinct(StringComparer.Ordinal).Select(m => $"'{m}' (by {claimed[m]})").ToList();
        var message = $"{rewrite.Spec.Rules.Count} rule(s) for pool {rewrite.Spec.PoolRef.Name}";
        if (shadowed.Count > 0) message += "; exact matches already claimed by older rewrites, which take precedence: " + string.Join(", ", shadowed);
        return ConditionPlan.True(InferenceConditionReasons.ReasonAccepted, message);
    }

    private static IEnumerable<string> ExactMatches(V1Alpha2InferenceModelRewrite rewrite) =>
        rewrite.Spec.Rules.SelectMany(r => r.Matches ?? []).Select(m => m.Model.Value);

    private static bool IsOlder(V1Alpha2InferenceModelRewrite a, V1Alpha2InferenceModelRewrite b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name) < 0);
    }
}
