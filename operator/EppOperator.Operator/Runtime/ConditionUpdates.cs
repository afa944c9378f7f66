using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Builds status conditions from plans the way the API conventions ask: <c>lastTransitionTime</c> moves only when
/// the status changes, <c>observedGeneration</c> records the generation the condition was computed for.
/// </summary>
internal static class ConditionUpdates
{
    public static Condition From(string type, ConditionPlan plan, long generation, Condition? previous, DateTimeOffset now) => new()
    {
        Type = type,
        Status = plan.Status,
        Reason = plan.Reason,
        // The CRD caps messages at 32768 characters.
        Message = plan.Message.Length > 32768 ? plan.Message[..32768] : plan.Message,
        ObservedGeneration = generation,
        LastTransitionTime = previous is not null && previous.Status == plan.Status && previous.LastTransitionTime is { } since
            ? since
            : TruncateToSeconds(now),
    };

    /// <summary>A pool parent entry's two conditions, <c>Accepted</c> then <c>ResolvedRefs</c>.</summary>
    public static List<Condition> ForPool(PoolPlan plan, long generation, IReadOnlyList<Condition>? previous, DateTimeOffset now) =>
    [
        From(Kube.Entities.Inference.InferencePoolConditions.Accepted, plan.Accepted, generation, previous?.FirstOrDefault(c => c.Type == Kube.Entities.Inference.InferencePoolConditions.Accepted), now),
        From(Kube.Entities.Inference.InferencePoolConditions.ResolvedRefs, plan.ResolvedRefs, generation, previous?.FirstOrDefault(c => c.Type == Kube.Entities.Inference.InferencePoolConditions.ResolvedRefs), now),
    ];

    /// <summary>Replaces the condition of the same type (or appends it); other types are kept.</summary>
    public static List<Condition> Upsert(IEnumerable<Condition>? conditions, Condition condition)
    {
        var list = conditions?.Where(c => c.Type != condition.Type).ToList() ?? [];
        list.Add(condition);
        return list;
    }

    public static bool SameContent(Condition? a, Condition? b) =>
        a is not null && b is not null
        && a.Type == b.Type && a.Status == b.Status && a.Reason == b.Reason && a.Message == b.Message
        && a.ObservedGeneration == b.ObservedGeneration && a.LastTransitionTime == b.LastTransitionTime;

    // Kubernetes stores times with second precision; compare what will be read back.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
