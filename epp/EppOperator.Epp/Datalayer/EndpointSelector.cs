using System.Collections.Immutable;
using System.Net;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// One entry of an endpoint list a request may name (the proxy's subset hint, the conformance selection header): an
/// exact <c>ip:port</c>, or a bare IP (<see cref="Port"/> 0) matching all its ports.
/// </summary>
internal readonly record struct EndpointSelector(IPAddress Address, int Port)
{
    public bool Matches(Endpoint endpoint) => (Port == 0 || Port == endpoint.Port) && Address.Equals(endpoint.Address);

    /// <summary>True when any of <paramref name="selectors"/> matches <paramref name="endpoint"/>.</summary>
    public static bool AnyMatches(ReadOnlySpan<EndpointSelector> selectors, Endpoint endpoint)
    {
        foreach (var selector in selectors)
        {
            if (selector.Matches(endpoint)) return true;
        }

        return false;
    }

    /// <summary>Accepts <c>10.0.0.1</c>, <c>10.0.0.1:8000</c>, <c>fd00::1</c> and <c>[fd00::1]:8000</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EndpointSelector selector)
    {
        text = text.Trim();
        selector = default;
        if (text.IsEmpty) return false;
        if (IPAddress.TryParse(text, out var bare) && !text.StartsWith('['))
        {
            selector = new EndpointSelector(bare, 0);
            return true;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint)) return false;
        selector = new EndpointSelector(endpoint.Address, endpoint.Port);
        return true;
    }

    /// <summary>The selectors of a comma-separated list; entries that are not addresses are skipped.</summary>
    public static ImmutableArray<EndpointSelector> ParseList(ReadOnlySpan<char> text)
    {
        var builder = ImmutableArray.CreateBuilder<EndpointSelector>();
        foreach (var range in text.Split(','))
        {
            if (TryParse(text[range], out var selector)) builder.Add(selector);
        }

        return builder.ToImmutable();
    }
}
