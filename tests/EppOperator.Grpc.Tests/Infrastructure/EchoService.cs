using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Interop.V1;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>The test-only echo service of tests/Interop/protos, written as a Grpc.AspNetCore service would be.</summary>
internal sealed class EchoService(CallProbe probe)
{
    public const string UnaryPath = "/eppoperator.interop.v1.Echo/Unary";
    public const string ChatPath = "/eppoperator.interop.v1.Echo/Chat";

    public void Register(GrpcMethodRegistry registry)
    {
        registry.AddUnary<EchoRequest, EchoResponse>(UnaryPath, EchoRequest.Parser, Unary);
        registry.AddDuplexStreaming<EchoRequest, EchoResponse>(ChatPath, EchoRequest.Parser, Chat);
    }

    public async Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            try
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Cancelled(request.Tag, context);
                throw;
            }
        }

        return new EchoResponse { Sequence = request.Sequence, Payload = request.Payload };
    }

    public async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        string? tag = null;
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var request = requestStream.Current;
                tag ??= request.Tag;
                await responseStream.WriteAsync(new EchoResponse { Sequence = request.Sequence, Payload = request.Payload }, context.CancellationToken);
            }
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            probe.Cancelled(tag, context);
            throw;
        }
    }
}
