namespace EppOperator.Operator.Planning;

/// <summary>A parent the operator reports the pool's status against: a Gateway it programs or its own kinds.</summary>
/// <param name="Group">API group of the parent.</param>
/// <param name="Kind">Kind of the parent.</param>
/// <param name="Name">Name of the parent.</param>
/// <param name="Namespace">Namespace of the parent.</param>
internal sealed record PoolParent(string Group, string Kind, string Name, string Namespace)
{
    /// <summary>Parent kind for a pool whose picker the operator runs without programming a gateway itself.</summary>
    public const string EndpointPickerKind = "EndpointPicker";

    /// <summary>Parent kind for the operator's standalone Envoy.</summary>
    public const string StandaloneEnvoyKind = "StandaloneEnvoy";

    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
