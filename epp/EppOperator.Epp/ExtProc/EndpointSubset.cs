using System.Collections.Immutable;
using Envoy.Config.Core.V3;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using Google.Protobuf.WellKnownTypes;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// The endpoints the proxy (subset hint) or the conformance header allows for this request. An empty or
/// unmatched subset leaves no candidates: the request gets 503, as the protocol requires.
/// </summary>
internal sealed class EndpointSubset
{
    private EndpointSubset(ImmutableArray<EndpointSelector> selectors) => Selectors = selectors;

    public ImmutableArray<EndpointSelector> Selectors { get; }

    /// <summary>
    /// The conformance header wins over the metadata (as the lightweight reference EPP does); the metadata
    /// value may be a list or a comma-separated string. Null means no restriction.
    /// </summary>
    public static EndpointSubset? Read(IReadOnlyDictionary<string, string> headers, Metadata? metadata, ExtProcOptions options)
    {
        if (options.ConformanceHooks && headers.TryGetValue(RequestHeaderNames.ConformanceEndpointSelection, out var header))
        {
            return FromText(header);
        }

        if (options.DisableEndpointSubsetFilter || metadata is null) return null;
        if (!metadata.FilterMetadata.TryGetValue(RequestHeaderNames.SubsetHintNamespace, out var hint)) return null;
        if (!hint.Fields.TryGetValue(RequestHeaderNames.DestinationEndpointSubset, out var value)) return null;
        return value.KindCase switch
        {
            Value.KindOneofCase.ListValue => FromList(value.ListValue),
            Value.KindOneofCase.StringValue => FromText(value.StringValue),
            _ => null,
        };
    }

    /// <summary>Copies the matching endpoints into <paramref name="destination"/> and returns how many.</summary>
    public int Filter(ReadOnlySpan<Endpoint> endpoints, Span<Endpoint> destination)
    {
        var count = 0;
        foreach (var endpoint in endpoints)
        {
            if (EndpointSelector.AnyMatches(Selectors.AsSpan(), endpoint)) destination[count++] = endpoint;
        }

        return count;
    }

    private static EndpointSubset FromList(ListValue list)
    {
        var builder = ImmutableArray.CreateBuilder<EndpointSelector>(list.Values.Count);
        foreach (var item in list.Values)
        {
            if (item.KindCase == Value.KindOneofCase.StringValue && EndpointSelector.TryParse(item.StringValue, out var selector))
            {
                builder.Add(selector);
            }
        }

        return new EndpointSubset(builder.ToImmutable());
    }

    private static EndpointSubset FromText(string text) => new(EndpointSelector.ParseList(text));
}
