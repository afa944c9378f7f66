using System.Diagnostics;
using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Hosting;
using EppOperator.Kube.Informers;
using EppOperator.Kube.LeaderElection;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EppOperator.Kube.Tests.Controllers;

/// <summary>Two controller runtimes sharing one lease: only the leader reconciles, and the other takes over.</summary>
public class LeaderFailoverTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);

    private KubeApiServer _server = null!;
    private readonly List<IHost> _hosts = [];

    [SetUp]
    public async Task SetUp() => _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });

    [TearDown]
    public async Task TearDown()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await _server.DisposeAsync();
    }

    [Test]
    public async Task TwoRuntimes_LeaderPartitioned_StandbyTakesOverAndNoReconcileOverlaps()
    {
        // Arrange
        using var client = FixtureClients.Create(_server);
        await client.CreateAsync(Deployment("d1"));
        var a = await StartRuntimeAsync("A");
        await Poll.UntilAsync(() => a.Probe.Count("reconcile:d1") == 1, "A reconciles d1");
        var b = await StartRuntimeAsync("B");
        await client.CreateAsync(Deployment("d2"));
        await Poll.UntilAsync(() => a.Probe.Count("reconcile:d2") == 1, "A reconciles d2");
        await Task.Delay(Lease + Retry);
        Assert.That(b.Probe.Calls, Is.Empty, "the standby must not reconcile");

        // Act: A loses the API server; B must take over.
        var partitionedAt = Stopwatch.GetTimestamp();
        a.Network.Fail = true;
        await Poll.UntilAsync(() => b.Elector.IsLeader, "B leading");
        var takeover = Stopwatch.GetElapsedTime(partitionedAt);
        await Poll.UntilAsync(() => b.Probe.Count("reconcile:d1") == 1 && b.Probe.Count("reconcile:d2") == 1, "B reconciles everything on taking over");
        await client.CreateAsync(Deployment("d3"));
        await Poll.UntilAsync(() => b.Probe.Count("reconcile:d3") == 1, "B reconciles d3");

        // Assert
        Assert.That(takeover, Is.LessThan(Lease + (Retry * 2.2) + TimeSpan.FromSeconds(2)));
        Assert.That(a.Probe.Count("reconcile:d3"), Is.Zero);
        var aTerm = a.Terms.Single();
        var bTerm = b.Terms.Single();
        Assert.That(aTerm.End, Is.Not.Null.And.LessThanOrEqualTo(bTerm.Start), "A stopped leading before B started");
        Assert.That(a.Probe.Reconciles.All(r => r.At >= aTerm.Start && r.At <= aTerm.End), Is.True, "A reconciled only while leading");
        Assert.That(b.Probe.Reconciles.All(r => r.At >= bTerm.Start), Is.True, "B reconciled only while leading");
    }

    [Test]
    public async Task TwoRuntimes_LeaderStopsGracefully_StandbyTakesOverWithoutWaitingOutTheLease()
    {
        // Arrange
        using var client = FixtureClients.Create(_server);
        await client.CreateAsync(Deployment("d1"));
        var a = await StartRuntimeAsync("A");
        await Poll.UntilAsync(() => a.Probe.Count("reconcile:d1") == 1, "A reconciles d1");
        var b = await StartRuntimeAsync("B");
        await Task.Delay(Retry * 3);

        // Act
        var stoppedAt = Stopwatch.GetTimestamp();
        await a.Host.StopAsync();
        await Poll.UntilAsync(() => b.Probe.Count("reconcile:d1") == 1, "B reconciles d1");

        // Assert
        Assert.That(Stopwatch.GetElapsedTime(stoppedAt), Is.LessThan(Lease + TimeSpan.FromSeconds(1)));
        Assert.That(a.Terms.Single().End, Is.LessThanOrEqualTo(b.Terms.Single().Start));
    }

    private static Deployment Deployment(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec { Replicas = 1 },
    };

    private async Task<Runtime> StartRuntimeAsync(string instance)
    {
        var probe = new ControllerProbe { Instance = instance };
        var network = new ToggleFailureHandler();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(probe);
        builder.Services.AddSingleton(FixtureClients.Create(_server, new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, network));
        builder.Services.AddKubernetesOperator(new OperatorOptions
        {
            LeaderElection = new LeaderElectionOptions
            {
                LeaseName = "test-operator-leader",
                Namespace = "default",
                Identity = instance,
                LeaseDuration = Lease,
                RenewDeadline = Renew,
                RetryPeriod = Retry,
            },
        }).AddController<ProbeController, Deployment>(new ControllerOptions<Deployment>
        {
            Informer = new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) },
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        var host = builder.Build();
        var elector = host.Services.GetRequiredService<LeaderElector>();
        var runtime = new Runtime(host, probe, network, elector);
        elector.StartedLeading += () => runtime.Terms.Add(new Term(Stopwatch.GetTimestamp(), null));
        elector.StoppedLeading += () => runtime.Terms[^1] = runtime.Terms[^1] with { End = Stopwatch.GetTimestamp() };
        _hosts.Add(host);
        await host.StartAsync();
        return runtime;
    }

    private sealed record Term(long Start, long? End);

    private sealed record Runtime(IHost Host, ControllerProbe Probe, ToggleFailureHandler Network, LeaderElector Elector)
    {
        public List<Term> Terms { get; } = [];
    }
}
