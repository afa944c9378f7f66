using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>
/// Model servers for scraper tests: one in-process Kestrel listening on <c>count</c> loopback ports (port 0 each),
/// each port serving its own vLLM-style page and switchable to hang, fail or serve garbage.
/// </summary>
internal sealed class FakeModelServerFleet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, ServerState> _servers = new();

    private FakeModelServerFleet(WebApplication app) => _app = app;

    public IReadOnlyList<int> Ports { get; private set; } = [];

    public static async Task<FakeModelServerFleet> StartAsync(int count)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 0; i < count; i++) k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var fleet = new FakeModelServerFleet(app);
        app.MapGet("/metrics", fleet.ServeAsync);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        fleet.Ports = [.. addresses.Select(a => new Uri(a).Port).Order()];
        for (var i = 0; i < fleet.Ports.Count; i++) fleet._servers[fleet.Ports[i]] = new ServerState { Waiting = i };
        return fleet;
    }

    public void Set(int port, FakeServerBehavior behavior) => _servers[port].Behavior = behavior;

    public void SetWaiting(int port, int waiting) => _servers[port].Waiting = waiting;

    public int Requests(int port) => Volatile.Read(ref _servers[port].Requests);

    public int Connections(int port) => _servers[port].ConnectionIds.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var server = _servers[context.Connection.LocalPort];
        Interlocked.Increment(ref server.Requests);
        server.ConnectionIds.TryAdd(context.Connection.Id, 0);
        switch (server.Behavior)
        {
            case FakeServerBehavior.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            case FakeServerBehavior.Error500:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("engine dead");
                return;
            case FakeServerBehavior.Unrelated:
                await context.Response.WriteAsync("# TYPE go_goroutines gauge\ngo_goroutines 12\n");
                return;
            case FakeServerBehavior.Huge:
                await context.Response.WriteAsync(new string('#', 64 * 1024));
                return;
            default:
                context.Response.ContentType = "text/plain; version=0.0.4";
                var waiting = server.Waiting.ToString(CultureInfo.InvariantCulture);
                await context.Response.WriteAsync(
                    "# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting{model_name=\"m\"} " + waiting + "\n" +
                    "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name=\"m\"} 1\n" +
                    "vllm:kv_cache_usage_perc{model_name=\"m\"} 0.25\n");
                return;
        }
    }

    private sealed class ServerState
    {
        public volatile FakeServerBehavior Behavior;
        public volatile int Waiting;
        public int Requests;
        public readonly ConcurrentDictionary<string, byte> ConnectionIds = new();
    }
}
