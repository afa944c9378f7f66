using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Requests;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using BodySendMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// The ProcessingRequest messages the gateway sends, shaped as Envoy's ext_proc filter sends them in
/// FULL_DUPLEX_STREAMED mode: header maps with lower-case keys and the value in <c>raw_value</c> (Envoy's
/// <c>send_header_raw_value</c>), the protocol configuration on the first message only, and the served endpoint
/// under <c>envoy.lb</c> in <c>metadata_context</c> on the response messages.
/// </summary>
internal static class ExtProcMessages
{
    private static readonly ProtocolConfiguration FullDuplex = new()
    {
        RequestBodyMode = BodySendMode.FullDuplexStreamed,
        ResponseBodyMode = BodySendMode.FullDuplexStreamed,
    };

    public static ProcessingRequest RequestHeaders(HeaderBlock headers, bool endOfStream) => new()
    {
        RequestHeaders = new HttpHeaders { Headers = Map(headers), EndOfStream = endOfStream },
        ProtocolConfig = FullDuplex,
    };

    public static ProcessingRequest RequestBody(ReadOnlySpan<byte> chunk, bool endOfStream) => new()
    {
        RequestBody = new HttpBody { Body = ByteString.CopyFrom(chunk), EndOfStream = endOfStream },
    };

    public static ProcessingRequest RequestTrailers(HeaderBlock trailers) => new()
    {
        RequestTrailers = new HttpTrailers { Trailers = Map(trailers) },
    };

    public static ProcessingRequest ResponseHeaders(HeaderBlock headers, bool endOfStream, Metadata served) => new()
    {
        ResponseHeaders = new HttpHeaders { Headers = Map(headers), EndOfStream = endOfStream },
        MetadataContext = served,
    };

    public static ProcessingRequest ResponseBody(ReadOnlySpan<byte> chunk, bool endOfStream, Metadata served) => new()
    {
        ResponseBody = new HttpBody { Body = ByteString.CopyFrom(chunk), EndOfStream = endOfStream },
        MetadataContext = served,
    };

    public static ProcessingRequest ResponseTrailers(HeaderBlock trailers, Metadata served) => new()
    {
        ResponseTrailers = new HttpTrailers { Trailers = Map(trailers) },
        MetadataContext = served,
    };

    /// <summary><c>filter_metadata["envoy.lb"] = {"x-gateway-destination-endpoint-served": endpoint}</c>.</summary>
    public static Metadata Served(string endpoint)
    {
        var lb = new Struct();
        lb.Fields[RequestHeaderNames.DestinationEndpointServed] = Value.ForString(endpoint);
        var metadata = new Metadata();
        metadata.FilterMetadata[RequestHeaderNames.LbMetadataNamespace] = lb;
        return metadata;
    }

    /// <summary>The destination the EPP put in its dynamic metadata (<c>envoy.lb</c>), or null.</summary>
    public static string? DestinationFromMetadata(Struct? dynamicMetadata)
    {
        if (dynamicMetadata is null
            || !dynamicMetadata.Fields.TryGetValue(RequestHeaderNames.LbMetadataNamespace, out var lb)
            || lb.KindCase != Value.KindOneofCase.StructValue
            || !lb.StructValue.Fields.TryGetValue(RequestHeaderNames.DestinationEndpoint, out var destination)
            || destination.KindCase != Value.KindOneofCase.StringValue)
        {
            return null;
        }

        return destination.StringValue;
    }

    private static HeaderMap Map(HeaderBlock headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers.Entries)
        {
            map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }
}
