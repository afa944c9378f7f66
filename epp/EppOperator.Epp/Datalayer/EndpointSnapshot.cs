using System.Collections.Immutable;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// An immutable view of the pool's endpoints at one moment. A new snapshot is published whenever the set
/// changes; endpoint objects carry over between snapshots, so their metrics and in-flight counts persist.
/// </summary>
/// <param name="Endpoints">The endpoints, in the order their source listed them.</param>
/// <param name="Version">Increases with every published change.</param>
internal sealed record EndpointSnapshot(ImmutableArray<Endpoint> Endpoints, long Version)
{
    public static readonly EndpointSnapshot Empty = new([], 0);

    public int Count => Endpoints.Length;
}
