using System.Collections.Immutable;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// An immutable view of the pool's endpoints at one moment. A new snapshot is published whenever the set
/// changes; endpoint objects carry over between snapshots, so their metrics and in-flight counts persist.
/// </summary>
internal sealed class EndpointSnapshot
{
    public static readonly EndpointSnapshot Empty = new([], 0);

    public EndpointSnapshot(ImmutableArray<Endpoint> endpoints, long version)
    {
        Endpoints = endpoints;
        Version = version;
    }

    public ImmutableArray<Endpoint> Endpoints { get; }

    /// <summary>Increases with every published change.</summary>
    public long Version { get; }

    public int Count => Endpoints.Length;
}
