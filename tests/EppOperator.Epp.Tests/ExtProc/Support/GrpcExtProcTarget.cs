using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Server;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// The ext_proc service behind the real gRPC server on a free loopback port, reached with the HTTP/2 client:
/// every message crosses the wire as protobuf in gRPC frames, as between Envoy and the EPP.
/// </summary>
internal sealed class GrpcExtProcTarget : IExtProcTarget
{
    private readonly GrpcServer _server;
    private readonly GrpcChannel _channel;

    private GrpcExtProcTarget(GrpcServer server)
    {
        _server = server;
        _channel = GrpcChannel.ForAddress(server.Address);
    }

    /// <summary>The server's loopback port.</summary>
    public int Port => _server.Port;

    public static async Task<GrpcExtProcTarget> StartAsync(ExtProcService service)
    {
        var registry = new GrpcMethodRegistry();
        registry.AddDuplexStreaming(ExtProcConstants.ProcessMethod, ProcessingRequest.Parser, service.Method);
        return new GrpcExtProcTarget(await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback()));
    }

    public Task<IExtProcExchange> OpenAsync() =>
        Task.FromResult<IExtProcExchange>(new Exchange(_channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser)));

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private sealed class Exchange(GrpcCall<ProcessingRequest, ProcessingResponse> call) : IExtProcExchange
    {
        private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

        // A read left pending by IsSilentForAsync; cancelling it would reset the whole call.
        private Task<bool>? _pendingRead;
        private int? _status;

        public async Task SendAsync(ProcessingRequest message) => await call.RequestStream.WriteAsync(message, CancellationToken.None);

        public async Task<ProcessingResponse?> ReadAsync()
        {
            var read = _pendingRead ?? call.ResponseStream.MoveNext(CancellationToken.None).AsTask();
            _pendingRead = null;
            try
            {
                return await read.WaitAsync(ReadTimeout) ? call.ResponseStream.Current : Finish(0);
            }
            catch (RpcException ex)
            {
                return Finish((int)ex.StatusCode);
            }
        }

        public async Task<bool> IsSilentForAsync(TimeSpan wait)
        {
            _pendingRead ??= call.ResponseStream.MoveNext(CancellationToken.None).AsTask();
            var finished = await Task.WhenAny(_pendingRead, Task.Delay(wait));
            return finished != _pendingRead;
        }

        public Task CompleteAsync() => call.RequestStream.CompleteAsync();

        public Task ResetAsync()
        {
            call.Dispose();
            _status = (int)StatusCode.Cancelled;
            return Task.CompletedTask;
        }

        public async Task<int> StatusAsync()
        {
            while (_status is null) await ReadAsync();
            return _status.Value;
        }

        public ValueTask DisposeAsync()
        {
            call.Dispose();
            return ValueTask.CompletedTask;
        }

        private ProcessingResponse? Finish(int status)
        {
            _status = status;
            return null;
        }
    }
}
