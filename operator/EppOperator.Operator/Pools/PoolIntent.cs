using EppOperator.Operator.Configuration;

namespace EppOperator.Operator.Pools;

/// <summary>
/// What the operator will do for one pool, decided from the pool and its annotations by <see cref="PoolIntentResolver"/>.
/// </summary>
internal sealed record PoolIntent
{
    public required PoolRole Role { get; init; }

    public DataPlane DataPlane { get; init; }

    /// <summary>The picker Service: the managed one the operator creates, or the foreign one it wires the data plane to.</summary>
    public string EppServiceName { get; init; } = "";

    /// <summary>The picker Service's port.</summary>
    public int EppServicePort { get; init; } = OperatorConstants.ExtProcPort;

    public bool FailOpen { get; init; }

    public int EppReplicas { get; init; } = 1;

    public int EnvoyReplicas { get; init; } = 1;

    /// <summary>Run the picker with <c>--conformance-hooks</c> (the pool's annotation asks for it; off otherwise).</summary>
    public bool EppConformanceHooks { get; init; }

    /// <summary>A user ConfigMap holding the EndpointPickerConfig, or null for the operator's default.</summary>
    public ConfigMapKeyReference? EppConfig { get; init; }

    /// <summary>Annotation values or spec fields that cannot be used (CEL rules a fixture-less check must repeat); the pool is not accepted while any exist.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Why the picker reference cannot be managed (wrong kind or group); reported as InvalidExtensionRef.</summary>
    public string? ReferenceProblem { get; init; }
}
