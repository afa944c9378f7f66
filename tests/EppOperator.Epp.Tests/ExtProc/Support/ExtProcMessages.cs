using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>ProcessingRequest messages as Envoy sends them (header values in raw_value unless told otherwise).</summary>
internal static class ExtProcMessages
{
    public static ProcessingRequest RequestHeaders(IEnumerable<(string Key, string Value)> headers, bool endOfStream = false, bool valueField = false) => new()
    {
        RequestHeaders = new HttpHeaders { Headers = Map(headers, valueField), EndOfStream = endOfStream },
    };

    public static ProcessingRequest ChatHeaders(params (string Key, string Value)[] extra) =>
        RequestHeaders([(":method", "POST"), (":path", "/v1/chat/completions"), ("content-type", "application/json"), .. extra]);

    public static ProcessingRequest CompletionsHeaders(params (string Key, string Value)[] extra) =>
        RequestHeaders([(":method", "POST"), (":path", "/v1/completions"), ("content-type", "application/json"), .. extra]);

    public static ProcessingRequest RequestBody(string text, bool endOfStream) => RequestBody(Encoding.UTF8.GetBytes(text), endOfStream);

    public static ProcessingRequest RequestBody(byte[] bytes, bool endOfStream) => new()
    {
        RequestBody = new HttpBody { Body = ByteString.CopyFrom(bytes), EndOfStream = endOfStream },
    };

    public static ProcessingRequest RequestTrailers() => new() { RequestTrailers = new HttpTrailers { Trailers = new HeaderMap() } };

    public static ProcessingRequest ResponseHeaders(params (string Key, string Value)[] headers) => ResponseHeaders(false, headers);

    public static ProcessingRequest ResponseHeaders(bool endOfStream, params (string Key, string Value)[] headers) => new()
    {
        ResponseHeaders = new HttpHeaders { Headers = Map(headers, false), EndOfStream = endOfStream },
    };

    public static ProcessingRequest ResponseBody(string text, bool endOfStream) => new()
    {
        ResponseBody = new HttpBody { Body = ByteString.CopyFromUtf8(text), EndOfStream = endOfStream },
    };

    public static ProcessingRequest ResponseTrailers() => new() { ResponseTrailers = new HttpTrailers { Trailers = new HeaderMap() } };

    /// <summary>Adds <c>envoy.lb.subset_hint</c> as a list of strings.</summary>
    public static ProcessingRequest WithSubset(this ProcessingRequest message, params string[] endpoints)
    {
        var list = new ListValue();
        foreach (var e in endpoints) list.Values.Add(Value.ForString(e));
        return WithMetadata(message, "envoy.lb.subset_hint", "x-gateway-destination-endpoint-subset", Value.ForList([.. list.Values]));
    }

    /// <summary>Adds <c>envoy.lb.subset_hint</c> as one comma-separated string (the lightweight EPP's form).</summary>
    public static ProcessingRequest WithSubsetString(this ProcessingRequest message, string endpoints) =>
        WithMetadata(message, "envoy.lb.subset_hint", "x-gateway-destination-endpoint-subset", Value.ForString(endpoints));

    /// <summary>Adds the served endpoint the proxy reports on response messages.</summary>
    public static ProcessingRequest WithServed(this ProcessingRequest message, string endpoint) =>
        WithMetadata(message, "envoy.lb", "x-gateway-destination-endpoint-served", Value.ForString(endpoint));

    public static ProcessingRequest WithModes(this ProcessingRequest message, ProcessingMode.Types.BodySendMode request, ProcessingMode.Types.BodySendMode response, bool bodyWithoutWaiting = false)
    {
        message.ProtocolConfig = new ProtocolConfiguration { RequestBodyMode = request, ResponseBodyMode = response, SendBodyWithoutWaitingForHeaderResponse = bodyWithoutWaiting };
        return message;
    }

    private static ProcessingRequest WithMetadata(ProcessingRequest message, string ns, string key, Value value)
    {
        message.MetadataContext ??= new Metadata();
        if (!message.MetadataContext.FilterMetadata.TryGetValue(ns, out var fields))
        {
            fields = new Struct();
            message.MetadataContext.FilterMetadata[ns] = fields;
        }

        fields.Fields[key] = value;
        return message;
    }

    private static HeaderMap Map(IEnumerable<(string Key, string Value)> headers, bool valueField)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(valueField ? new HeaderValue { Key = key, Value = value } : new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }
}
