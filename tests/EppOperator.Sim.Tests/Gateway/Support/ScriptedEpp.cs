using System.Collections.Concurrent;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Server;

namespace EppOperator.Sim.Tests.Gateway.Support;

/// <summary>
/// An ext_proc server whose behaviour each test scripts, for what a real EPP never does (name an address outside
/// the pool, stall, fail mid-stream) and to see exactly which messages the gateway sends. Served over real gRPC.
/// </summary>
internal sealed class ScriptedEpp : IAsyncDisposable
{
    private readonly GrpcServer _server;

    private ScriptedEpp(GrpcServer server, Holder holder)
    {
        _server = server;
        Scripts = holder;
    }

    public Uri Address => _server.Address;

    /// <summary>The exchanges seen so far, in arrival order.</summary>
    public ConcurrentQueue<ScriptedExchange> Exchanges => Scripts.Exchanges;

    private Holder Scripts { get; }

    /// <summary>What the server does with each new stream (set per test).</summary>
    public Func<ScriptedExchange, Task> Script
    {
        get => Scripts.Script;
        set => Scripts.Script = value;
    }

    public static async Task<ScriptedEpp> StartAsync()
    {
        var holder = new Holder();
        var registry = new GrpcMethodRegistry();
        registry.AddDuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingRequest.Parser, holder.HandleAsync);
        var server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback());
        return new ScriptedEpp(server, holder);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class Holder
    {
        public Func<ScriptedExchange, Task> Script { get; set; } = _ => Task.CompletedTask;

        public ConcurrentQueue<ScriptedExchange> Exchanges { get; } = new();

        public async Task HandleAsync(IAsyncStreamReader<ProcessingRequest> requests, IServerStreamWriter<ProcessingResponse> responses, ServerCallContext context)
        {
            var exchange = new ScriptedExchange(requests, responses, context.CancellationToken);
            Exchanges.Enqueue(exchange);
            await Script(exchange);
        }
    }
}
