namespace EppOperator.Operator.Pools;

/// <summary>What the operator does for a pool.</summary>
internal enum PoolRole
{
    /// <summary>Not ours: another implementation owns the picker and no data plane was asked for. Hands off.</summary>
    Ignored,

    /// <summary>The operator runs the pool's picker (and the chosen data plane).</summary>
    ManagedEpp,

    /// <summary>Someone else runs the picker; the pool asked for a data plane by annotation, which the operator wires to it.</summary>
    DataPlaneOnly,
}
