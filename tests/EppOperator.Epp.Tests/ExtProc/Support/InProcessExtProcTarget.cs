using System.Threading.Channels;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>Runs <see cref="ExtProcService.ProcessAsync"/> directly over channels: the state machine without a transport.</summary>
internal sealed class InProcessExtProcTarget(ExtProcService service) : IExtProcTarget
{
    public Task<IExtProcExchange> OpenAsync() => Task.FromResult<IExtProcExchange>(new Exchange(service));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Exchange : IExtProcExchange
    {
        private readonly Channel<ProcessingRequest> _requests = Channel.CreateUnbounded<ProcessingRequest>();
        private readonly Channel<ProcessingResponse> _responses = Channel.CreateUnbounded<ProcessingResponse>();
        private readonly CancellationTokenSource _reset = new();
        private readonly Task<int> _call;

        public Exchange(ExtProcService service)
        {
            var reader = new ChannelStreamReader<ProcessingRequest>(_requests.Reader);
            var writer = new ChannelStreamWriter<ProcessingResponse>(_responses.Writer);
            _call = RunAsync(service, reader, writer);
        }

        public async Task SendAsync(ProcessingRequest message) => await _requests.Writer.WriteAsync(message);

        public async Task<ProcessingResponse?> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _responses.Reader.WaitToReadAsync(timeout.Token) ? await _responses.Reader.ReadAsync(timeout.Token) : null;
        }

        public async Task<bool> IsSilentForAsync(TimeSpan wait)
        {
            using var timeout = new CancellationTokenSource(wait);
            try
            {
                await _responses.Reader.WaitToReadAsync(timeout.Token);
                return false;
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }

        public Task CompleteAsync()
        {
            _requests.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public Task ResetAsync()
        {
            _reset.Cancel();
            return Task.CompletedTask;
        }

        public Task<int> StatusAsync() => _call;

        public async ValueTask DisposeAsync()
        {
            _requests.Writer.TryComplete();
            try
            {
                await _call.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                _reset.Dispose();
            }
        }

        private async Task<int> RunAsync(ExtProcService service, ChannelStreamReader<ProcessingRequest> reader, ChannelStreamWriter<ProcessingResponse> writer)
        {
            await Task.Yield();
            try
            {
                await service.ProcessAsync(reader, writer, new TestServerCallContext(_reset.Token));
                return 0;
            }
            catch (RpcException ex)
            {
                return (int)ex.StatusCode;
            }
            catch (OperationCanceledException)
            {
                return (int)StatusCode.Cancelled;
            }
            finally
            {
                _responses.Writer.TryComplete();
            }
        }
    }
}
