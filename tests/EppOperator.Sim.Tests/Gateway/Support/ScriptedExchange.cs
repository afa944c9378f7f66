using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Requests;
using Google.Protobuf;

namespace EppOperator.Sim.Tests.Gateway.Support;

/// <summary>One ext_proc stream as a script sees it: read the gateway's messages (recorded), write answers.</summary>
internal sealed class ScriptedExchange(IAsyncStreamReader<ProcessingRequest> requests, IServerStreamWriter<ProcessingResponse> responses, CancellationToken cancellationToken)
{
    private readonly List<ProcessingRequest> _received = [];

    public CancellationToken Cancelled => cancellationToken;

    /// <summary>Every message the gateway sent on this stream so far.</summary>
    public IReadOnlyList<ProcessingRequest> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    /// <summary>The next message, or null when the gateway half-closed.</summary>
    public async Task<ProcessingRequest?> ReadAsync()
    {
        if (!await requests.MoveNext(cancellationToken)) return null;
        lock (_received) _received.Add(requests.Current);
        return requests.Current;
    }

    public ValueTask WriteAsync(ProcessingResponse response) => responses.WriteAsync(response, cancellationToken);

    /// <summary>Reads the request headers and the body up to its end of stream (or trailers); returns the body.</summary>
    public async Task<byte[]> ReadRequestAsync()
    {
        var headers = await ReadAsync();
        if (headers?.RequestHeaders is null) throw new InvalidOperationException($"expected request_headers, got {headers?.RequestCase}");
        using var body = new MemoryStream();
        if (headers.RequestHeaders.EndOfStream) return [];
        while (await ReadAsync() is { } message)
        {
            if (message.RequestTrailers is not null) break;
            body.Write(message.RequestBody.Body.Span);
            if (message.RequestBody.EndOfStream) break;
        }

        return body.ToArray();
    }

    /// <summary>Routes like the EPP: headers answer with the destination (header and <c>envoy.lb</c>), then the body.</summary>
    public async Task RouteAsync(string destination, byte[] body)
    {
        await WriteAsync(ExtProcResponses.RouteHeaders(destination, body.Length, null));
        await WriteAsync(ExtProcResponses.StreamedRequestBody(ByteString.CopyFrom(body), endOfStream: true));
    }

    /// <summary>Answers the response headers (reporting the served endpoint) and echoes the body to its end.</summary>
    public async Task EchoResponseAsync()
    {
        var headers = await ReadAsync();
        if (headers?.ResponseHeaders is null) return;
        await WriteAsync(ExtProcResponses.ResponseHeaders(ServedEndpoint(headers), removeServedHeader: true, removeContentLength: false));
        if (headers.ResponseHeaders.EndOfStream) return;
        while (await ReadAsync() is { } message)
        {
            if (message.ResponseTrailers is not null)
            {
                await WriteAsync(ExtProcResponses.ResponseTrailers());
                return;
            }

            await WriteAsync(ExtProcResponses.StreamedResponseBody(message.ResponseBody.Body, message.ResponseBody.EndOfStream));
            if (message.ResponseBody.EndOfStream) return;
        }
    }

    /// <summary>A well-behaved exchange to <paramref name="destination"/>, read to the gateway's half-close.</summary>
    public async Task RouteAndEchoAsync(string destination)
    {
        var body = await ReadRequestAsync();
        await RouteAsync(destination, body);
        await EchoResponseAsync();
        while (await ReadAsync() is not null)
        {
        }
    }

    public static string? ServedEndpoint(ProcessingRequest message) =>
        message.MetadataContext?.FilterMetadata.TryGetValue(RequestHeaderNames.LbMetadataNamespace, out var lb) == true
        && lb.Fields.TryGetValue(RequestHeaderNames.DestinationEndpointServed, out var value) ? value.StringValue : null;
}
