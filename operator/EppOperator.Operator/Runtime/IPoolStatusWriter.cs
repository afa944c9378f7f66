using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Writes the operator's own parent entries into one pool version's status (read-modify-write on the
/// resourceVersion, other controllers' entries kept, retried on 409 against a fresh read).
/// </summary>
internal interface IPoolStatusWriter
{
    /// <summary>The conditions of our first own entry, for Events on change (null when there is none).</summary>
    IReadOnlyList<Condition>? PreviousConditions(IKubernetesObject pool);

    /// <summary>Makes the status reflect <paramref name="plan"/> (or drops our entries when <paramref name="plan"/> is null); returns whether a write happened.</summary>
    Task<bool> WriteAsync(IKubernetesObject pool, PoolPlan? plan, CancellationToken cancellationToken);
}
