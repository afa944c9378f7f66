using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Requests;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using HttpStatus = Envoy.Type.V3.HttpStatus;
using HttpStatusCode = Envoy.Type.V3.StatusCode;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// Builds the ProcessingResponse messages the EPP sends. Header values go in <c>raw_value</c> only (Envoy rejects
/// a HeaderValue with both); <c>append</c> stays unset, which ext_proc treats as overwrite, so a client-supplied
/// header of the same name is replaced.
/// </summary>
internal static class ExtProcResponses
{
    private static readonly ByteString True = ByteString.CopyFromUtf8("true");

    /// <summary>The routing answer to request headers (FULL_DUPLEX_STREAMED, STREAMED, or headers-only requests).</summary>
    public static ProcessingResponse RouteHeaders(string destination, int? contentLength, string? generatedRequestId) => new()
    {
        RequestHeaders = new HeadersResponse { Response = RouteCommon(destination, contentLength, generatedRequestId) },
        DynamicMetadata = PickMetadata(destination),
    };

    /// <summary>
    /// The routing answer in BUFFERED mode, where header mutations ride on the body reply;
    /// <paramref name="replaceBody"/> says whether <paramref name="body"/> replaces the buffered body.
    /// </summary>
    public static ProcessingResponse RouteBufferedBody(string destination, ReadOnlyMemory<byte> body, bool replaceBody, string? generatedRequestId)
    {
        var common = RouteCommon(destination, body.Length, generatedRequestId);
        if (replaceBody) common.BodyMutation = new BodyMutation { Body = UnsafeByteOperations.UnsafeWrap(body) };
        return new ProcessingResponse { RequestBody = new BodyResponse { Response = common }, DynamicMetadata = PickMetadata(destination) };
    }

    public static ProcessingResponse ContinueRequestHeaders() => new() { RequestHeaders = new HeadersResponse { Response = new CommonResponse() } };

    /// <summary>Leaves a request body chunk as the proxy has it.</summary>
    public static ProcessingResponse ContinueRequestBody() => new() { RequestBody = new BodyResponse { Response = new CommonResponse() } };

    /// <summary>Leaves a response body chunk as the proxy has it.</summary>
    public static ProcessingResponse ContinueResponseBody() => new() { ResponseBody = new BodyResponse { Response = new CommonResponse() } };

    /// <summary>A STREAMED or BUFFERED chunk answer replacing the chunk with <paramref name="body"/> (empty: drop the chunk).</summary>
    public static ProcessingResponse ReplaceRequestChunk(ReadOnlyMemory<byte> body) => new()
    {
        RequestBody = new BodyResponse { Response = Replace(body) },
    };

    public static ProcessingResponse ReplaceResponseChunk(ReadOnlyMemory<byte> body) => new()
    {
        ResponseBody = new BodyResponse { Response = Replace(body) },
    };

    /// <summary>One FULL_DUPLEX_STREAMED body piece.</summary>
    public static ProcessingResponse StreamedRequestBody(ByteString piece, bool endOfStream) => new()
    {
        RequestBody = new BodyResponse { Response = Streamed(piece, endOfStream) },
    };

    public static ProcessingResponse StreamedResponseBody(ByteString piece, bool endOfStream) => new()
    {
        ResponseBody = new BodyResponse { Response = Streamed(piece, endOfStream) },
    };

    public static ProcessingResponse RequestTrailers() => new() { RequestTrailers = new TrailersResponse() };

    public static ProcessingResponse ResponseTrailers() => new() { ResponseTrailers = new TrailersResponse() };

    /// <summary>
    /// The response-headers answer: the reference's marker header, the served endpoint for conformance, and
    /// the removal of a Content-Length the restored model name would make wrong.
    /// </summary>
    public static ProcessingResponse ResponseHeaders(string? servedEndpoint, bool removeServedHeader, bool removeContentLength)
    {
        var mutation = new HeaderMutation();
        mutation.SetHeaders.Add(Header(RequestHeaderNames.WentIntoResponseHeaders, True));
        if (servedEndpoint is not null) mutation.SetHeaders.Add(Header(RequestHeaderNames.ConformanceServedEndpoint, servedEndpoint));
        else if (removeServedHeader) mutation.RemoveHeaders.Add(RequestHeaderNames.ConformanceServedEndpoint);
        if (removeContentLength) mutation.RemoveHeaders.Add(RequestHeaderNames.ContentLength);
        return new ProcessingResponse { ResponseHeaders = new HeadersResponse { Response = new CommonResponse { HeaderMutation = mutation } } };
    }

    /// <summary>A local reply in place of routing: <c>inference error: &lt;Code&gt; - &lt;message&gt;</c>.</summary>
    public static ProcessingResponse Immediate(InferenceError error) => new()
    {
        ImmediateResponse = new ImmediateResponse
        {
            Status = new HttpStatus { Code = (HttpStatusCode)error.HttpStatus },
            Body = ByteString.CopyFromUtf8(error.Body),
            Details = "epp_" + error.Code.ToString().ToLowerInvariant(),
        },
    };

    private static CommonResponse RouteCommon(string destination, int? contentLength, string? generatedRequestId)
    {
        var mutation = new HeaderMutation();
        mutation.SetHeaders.Add(Header(RequestHeaderNames.DestinationEndpoint, destination));
        if (contentLength is > 0)
        {
            mutation.SetHeaders.Add(Header("Content-Length", contentLength.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (generatedRequestId is not null) mutation.SetHeaders.Add(Header(RequestHeaderNames.RequestId, generatedRequestId));
        return new CommonResponse { ClearRouteCache = true, HeaderMutation = mutation };
    }

    private static Struct PickMetadata(string destination)
    {
        var lb = new Struct();
        lb.Fields[RequestHeaderNames.DestinationEndpoint] = Value.ForString(destination);
        var metadata = new Struct();
        metadata.Fields[RequestHeaderNames.LbMetadataNamespace] = Value.ForStruct(lb);
        return metadata;
    }

    private static CommonResponse Streamed(ByteString piece, bool endOfStream) => new()
    {
        BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = piece, EndOfStream = endOfStream } },
    };

    private static CommonResponse Replace(ReadOnlyMemory<byte> body) => body.IsEmpty
        ? new CommonResponse { BodyMutation = new BodyMutation { ClearBody = true } }
        : new CommonResponse { BodyMutation = new BodyMutation { Body = UnsafeByteOperations.UnsafeWrap(body) } };

    private static HeaderValueOption Header(string key, string value) => Header(key, ByteString.CopyFromUtf8(value));

    private static HeaderValueOption Header(string key, ByteString value) => new() { Header = new HeaderValue { Key = key, RawValue = value } };
}
