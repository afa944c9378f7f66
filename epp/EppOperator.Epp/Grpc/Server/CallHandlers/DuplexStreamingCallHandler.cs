using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server.CallHandlers;

/// <summary>Both directions stream independently; the call ends when the handler returns.</summary>
internal sealed class DuplexStreamingCallHandler<TRequest, TResponse>(string method, MessageParser<TRequest> parser, DuplexStreamingMethod<TRequest, TResponse> handler)
    : ServerCallHandler(method)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override Task HandleCallCoreAsync(HttpContextServerCallContext call) =>
        handler(new HttpContextStreamReader<TRequest>(call, parser), new HttpContextStreamWriter<TResponse>(call), call);
}
