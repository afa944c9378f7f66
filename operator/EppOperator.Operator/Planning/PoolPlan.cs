using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Planning;

/// <summary>Everything the operator wants for one pool: its children, the parents it reports on and the conditions.</summary>
internal sealed record PoolPlan
{
    public required PoolIntent Intent { get; init; }

    /// <summary>Desired children; anything labelled for the pool and not listed here is deleted.</summary>
    public IReadOnlyList<IKubernetesObject> Children { get; init; } = [];

    public IReadOnlyList<PoolParent> Parents { get; init; } = [];

    public required ConditionPlan Accepted { get; init; }

    public required ConditionPlan ResolvedRefs { get; init; }

    /// <summary>Things a user should know that are not failures (recorded as Warning Events).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Null when the pool is not the operator's: no children, no status entry.</summary>
    public static PoolPlan Ignored(PoolIntent intent) => new()
    {
        Intent = intent,
        Accepted = ConditionPlan.False("NotManaged", "not managed by epp-operator"),
        ResolvedRefs = ConditionPlan.False("NotManaged", "not managed by epp-operator"),
    };
}
