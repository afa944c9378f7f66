using System.Text;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>
/// The messages of one benchmark exchange, as Envoy sends them in FULL_DUPLEX_STREAMED mode: request headers,
/// a 4 KiB chat body, then response headers and a three-chunk SSE response (a token, the usage chunk, [DONE]).
/// Built once; the client serialises the same instances for every exchange.
/// </summary>
internal sealed class ExtProcExchangeScript
{
    public ExtProcExchangeScript(int bodyBytes = 4096)
    {
        RequestHeaders = new ProcessingRequest
        {
            RequestHeaders = new HttpHeaders
            {
                Headers = Map((":method", "POST"), (":path", "/v1/chat/completions"), (":authority", "gateway"), ("content-type", "application/json"), ("x-request-id", "bench")),
            },
        };
        RequestBodyBytes = ChatBody(bodyBytes);
        RequestBody = new ProcessingRequest { RequestBody = new HttpBody { Body = ByteString.CopyFrom(RequestBodyBytes), EndOfStream = true } };
        ResponseHeaders = new ProcessingRequest
        {
            ResponseHeaders = new HttpHeaders { Headers = Map((":status", "200"), ("content-type", "text/event-stream")) },
        };
        string[] chunks =
        [
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"bench-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":1024,\"completion_tokens\":16,\"total_tokens\":1040}}\n\n",
            "data: [DONE]\n\n",
        ];
        ResponseChunks = [.. chunks.Select((c, i) => new ProcessingRequest { ResponseBody = new HttpBody { Body = ByteString.CopyFromUtf8(c), EndOfStream = i == chunks.Length - 1 } })];
    }

    public ProcessingRequest RequestHeaders { get; }

    public byte[] RequestBodyBytes { get; }

    public ProcessingRequest RequestBody { get; }

    public ProcessingRequest ResponseHeaders { get; }

    public IReadOnlyList<ProcessingRequest> ResponseChunks { get; }

    /// <summary>Replies the EPP sends: headers + one body piece, response headers, one echo per SSE chunk.</summary>
    public static int RequestReplies => 2;

    public int ResponseReplies => 1 + ResponseChunks.Count;

    public IEnumerable<ProcessingRequest> All => [RequestHeaders, RequestBody, ResponseHeaders, .. ResponseChunks];

    private static byte[] ChatBody(int size)
    {
        // A system prompt padded so the whole JSON body is exactly `size` bytes.
        static byte[] Build(int padding) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            model = "bench-model",
            stream = true,
            max_tokens = 16,
            messages = new object[]
            {
                new { role = "system", content = "You are a helpful assistant. " + new string('x', padding) },
                new { role = "user", content = "Say hello." },
            },
        }));

        var probe = Build(0);
        return Build(Math.Max(0, size - probe.Length));
    }

    private static HeaderMap Map(params (string Key, string Value)[] headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers) map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        return map;
    }
}
