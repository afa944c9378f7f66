using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Server.CallHandlers;

/// <summary>One request message, one response message.</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse>(string method, MessageParser<TRequest> parser, UnaryMethod<TRequest, TResponse> handler)
    : ServerCallHandler(method)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var request = await new HttpContextStreamReader<TRequest>(call, parser).ReadSingleAsync();
        var response = await handler(request, call)
            ?? throw new InvalidOperationException("No message returned from method.");
        await new HttpContextStreamWriter<TResponse>(call).WriteAsync(response, call.CancellationToken);
    }
}
