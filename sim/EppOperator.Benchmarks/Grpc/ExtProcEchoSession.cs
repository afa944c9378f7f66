using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using Google.Protobuf;

namespace EppOperator.Benchmarks.Grpc;

/// <summary>
/// One client of the echo server: either a single long-lived stream that ping-pongs, or a new stream for every
/// exchange (open, one round trip, half-close, read the status), the way Envoy opens an ext_proc stream per request.
/// </summary>
internal sealed class ExtProcEchoSession : IAsyncDisposable
{
    /// <summary>Request headers as Envoy sends them for a chat completion.</summary>
    private static readonly ProcessingRequest Request = new()
    {
        RequestHeaders = new HttpHeaders
        {
            Headers = new HeaderMap
            {
                Headers =
                {
                    Header(":method", "POST"),
                    Header(":path", "/v1/chat/completions"),
                    Header(":authority", "gateway.example"),
                    Header("content-type", "application/json"),
                    Header("x-request-id", "2c1d6a8e-6f0e-4d7e-9a53-0d1c0e6b8f11"),
                },
            },
        },
    };

    private readonly GrpcChannel _channel;
    private readonly GrpcCall<ProcessingRequest, ProcessingResponse>? _stream;

    public ExtProcEchoSession(GrpcChannel channel, bool streamPerExchange)
    {
        _channel = channel;
        _stream = streamPerExchange ? null : Open(channel);
    }

    public static HeaderValue Header(string key, string value) => new() { Key = key, RawValue = ByteString.CopyFromUtf8(value) };

    public async Task ExchangeAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            await RoundTripAsync(_stream, cancellationToken);
            return;
        }

        using var call = Open(_channel);
        await RoundTripAsync(call, cancellationToken);
        await CloseAsync(call, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await CloseAsync(_stream, CancellationToken.None);
            _stream.Dispose();
        }
    }

    private static GrpcCall<ProcessingRequest, ProcessingResponse> Open(GrpcChannel channel) =>
        channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);

    private static async Task RoundTripAsync(GrpcCall<ProcessingRequest, ProcessingResponse> call, CancellationToken cancellationToken)
    {
        await call.RequestStream.WriteAsync(Request, cancellationToken);
        if (!await call.ResponseStream.MoveNext(cancellationToken))
        {
            throw new InvalidOperationException("The echo stream ended early.");
        }
    }

    private static async Task CloseAsync(GrpcCall<ProcessingRequest, ProcessingResponse> call, CancellationToken cancellationToken)
    {
        await call.RequestStream.CompleteAsync();
        if (await call.ResponseStream.MoveNext(cancellationToken))
        {
            throw new InvalidOperationException("The echo stream answered more than once.");
        }
    }
}
