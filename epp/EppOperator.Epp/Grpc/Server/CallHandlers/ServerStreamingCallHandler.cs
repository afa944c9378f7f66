using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server.CallHandlers;

/// <summary>One request message, then the handler streams responses until it returns.</summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(string method, MessageParser<TRequest> parser, ServerStreamingMethod<TRequest, TResponse> handler)
    : ServerCallHandler(method)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var request = await new HttpContextStreamReader<TRequest>(call, parser).ReadSingleAsync();
        await handler(request, new HttpContextStreamWriter<TResponse>(call), call);
    }
}
