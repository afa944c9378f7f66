using EppOperator.Kube.Client;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests;

/// <summary>A fresh API server fixture and a client for it per test.</summary>
public abstract class FixtureTest
{
    private protected KubeApiServer Server { get; private set; } = null!;

    private protected KubernetesClient Client { get; private set; } = null!;

    /// <summary>Server options of this suite (bookmarks every 200 ms by default, so idle watches stay lively).</summary>
    private protected virtual KubeApiServerOptions ServerOptions => new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    [SetUp]
    public async Task StartFixtureAsync()
    {
        Server = await KubeApiServer.StartAsync(ServerOptions);
        Client = FixtureClients.Create(Server);
    }

    [TearDown]
    public async Task StopFixtureAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
