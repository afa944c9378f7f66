using System.Net;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Serve;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Tests.Gateway.Support;

/// <summary>Simulated model servers in this process (fast, time-scaled), named pod-0, pod-1, ...</summary>
internal sealed class SimPods : IAsyncDisposable
{
    public const string Model = "base-model";

    private readonly List<SimServer> _servers;

    private SimPods(List<SimServer> servers) => _servers = servers;

    /// <summary>The pods' addresses, in order.</summary>
    public IReadOnlyList<string> Endpoints => [.. _servers.Select(s => $"127.0.0.1:{s.Port}")];

    public static async Task<SimPods> StartAsync(int count, double timeScale = 0.05)
    {
        var servers = new List<SimServer>();
        for (var i = 0; i < count; i++)
        {
            servers.Add(await SimServer.StartAsync(new ServeOptions
            {
                Address = IPAddress.Loopback,
                Port = 0,
                Model = Model,
                PodName = $"pod-{i}",
                Profile = EngineProfiles.H100Llama3_8B.TimeScaled(timeScale) with { StepJitter = 0 },
            }, LogLevel.Warning, CancellationToken.None));
        }

        return new SimPods(servers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
