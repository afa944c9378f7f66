using System.Diagnostics;
using System.Text.Json.Nodes;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Health;
using EppOperator.Epp.Kubernetes;
using EppOperator.Epp.Metrics;
using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Informers;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Tests.Kubernetes;

public class InferencePoolEndpointSourceTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly InformerOptions FastRetry = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    private KubeApiServer _server = null!;
    private KubernetesClient _client = null!;
    private EndpointDatastore _datastore = null!;
    private InferencePoolEndpointSource? _source;
    private readonly List<IHost> _hosts = [];

    [SetUp]
    public async Task SetUp()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { PodTerminationDelay = null });
        FixtureCrds.Install(_server, FixtureCrds.InferencePoolV1, FixtureCrds.InferencePoolV1Alpha2);
        _client = new KubernetesClient(Config());
        _datastore = new EndpointDatastore();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_source is not null)
        {
            await _source.StopAsync(CancellationToken.None);
            _source.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Start_PoolWithReadyAndUnreadyPods_SyncsOnlyReadyMembersRankedByPort()
    {
        // Arrange
        CreatePool("pool", "app=vllm", 8000, 8001);
        CreatePod("ready", "app=vllm", ready: true, ip: "10.0.0.1");
        CreatePod("unready", "app=vllm", ready: false, ip: "10.0.0.2");
        CreatePod("stranger", "app=other", ready: true, ip: "10.0.0.3");

        // Act
        await StartSourceAsync("pool");
        await UntilAsync(() => _datastore.IsSynced, "the first sync", TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(Endpoints(), Is.EqualTo(new[] { "ready-rank-0@10.0.0.1:8000", "ready-rank-1@10.0.0.1:8001" }));
    }

    [Test]
    public async Task PodTransitions_ReadyNotReadyTerminating_ChangeTheEndpointSetWithinOneSecond()
    {
        // Arrange
        CreatePool("pool", "app=vllm", 8000);
        CreatePod("stable", "app=vllm", ready: true, ip: "10.0.0.1");
        CreatePod("p", "app=vllm", ready: false, ip: "10.0.0.2", nodeName: "node-1");
        await StartSourceAsync("pool");
        await UntilAsync(() => _datastore.IsSynced, "the first sync", TimeSpan.FromSeconds(10));
        Assert.That(Endpoints(), Is.EqualTo(new[] { "stable-rank-0@10.0.0.1:8000" }));

        // Act / Assert: each transition is visible within a second.
        SetReady("p", true);
        await UntilAsync(() => Endpoints().Contains("p-rank-0@10.0.0.2:8000"), "p becoming Ready", OneSecond);
        SetReady("p", false);
        await UntilAsync(() => !Endpoints().Contains("p-rank-0@10.0.0.2:8000"), "p becoming NotReady", OneSecond);
        SetReady("p", true);
        await UntilAsync(() => Endpoints().Contains("p-rank-0@10.0.0.2:8000"), "p Ready again", OneSecond);
        var terminating = _server.Delete("v1", "Pod", "default", "p");
        Assert.That(terminating?["metadata"]?["deletionTimestamp"], Is.Not.Null, "a scheduled pod terminates gracefully");
        await UntilAsync(() => !Endpoints().Contains("p-rank-0@10.0.0.2:8000"), "p terminating", OneSecond);
        _server.CompletePodTermination("default", "p");
        await Task.Delay(200);
        Assert.That(Endpoints(), Is.EqualTo(new[] { "stable-rank-0@10.0.0.1:8000" }));
    }

    [Test]
    public async Task PoolSelectorChanged_EndpointsFollowTheNewSelection()
    {
        // Arrange
        CreatePool("pool", "app=blue", 8000);
        CreatePod("blue", "app=blue", ready: true, ip: "10.0.0.1");
        CreatePod("green", "app=green", ready: true, ip: "10.0.0.2");
        await StartSourceAsync("pool");
        await UntilAsync(() => Endpoints().SequenceEqual(["blue-rank-0@10.0.0.1:8000"]), "the blue selection", TimeSpan.FromSeconds(10));

        // Act
        _server.Patch("inference.networking.k8s.io/v1", "InferencePool", "default", "pool", JsonNode.Parse("""{"spec":{"selector":{"matchLabels":{"app":"green"}}}}""")!.AsObject());

        // Assert
        await UntilAsync(() => Endpoints().SequenceEqual(["green-rank-0@10.0.0.2:8000"]), "the green selection", OneSecond);
    }

    [Test]
    public async Task PoolTargetPortsChanged_EndpointsAreRebuiltForTheNewPorts()
    {
        // Arrange
        CreatePool("pool", "app=vllm", 8000, 8001);
        CreatePod("p", "app=vllm", ready: true, ip: "10.0.0.1");
        await StartSourceAsync("pool");
        await UntilAsync(() => Endpoints().Count == 2, "two ranks", TimeSpan.FromSeconds(10));

        // Act
        _server.Patch("inference.networking.k8s.io/v1", "InferencePool", "default", "pool", JsonNode.Parse("""{"spec":{"targetPorts":[{"number":9000}]}}""")!.AsObject());

        // Assert
        await UntilAsync(() => Endpoints().SequenceEqual(["p-rank-0@10.0.0.1:9000"]), "one rank on the new port", OneSecond);
    }

    [Test]
    public async Task PoolMissingAtStart_NotSyncedUntilThePoolExists()
    {
        // Arrange
        CreatePod("p", "app=vllm", ready: true, ip: "10.0.0.1");
        await StartSourceAsync("late-pool");
        await Task.Delay(500);
        var syncedWithoutPool = _datastore.IsSynced;

        // Act
        CreatePool("late-pool", "app=vllm", 8000);
        await UntilAsync(() => _datastore.IsSynced, "sync once the pool exists", TimeSpan.FromSeconds(5));

        // Assert
        Assert.That(syncedWithoutPool, Is.False);
        Assert.That(Endpoints(), Is.EqualTo(new[] { "p-rank-0@10.0.0.1:8000" }));
    }

    [Test]
    public async Task PoolDeleted_EndpointsClearedAndNotReadyUntilThePoolIsBack()
    {
        // Arrange
        CreatePool("pool", "app=vllm", 8000);
        CreatePod("p", "app=vllm", ready: true, ip: "10.0.0.1");
        var readiness = new EppReadiness(_datastore);
        await StartSourceAsync("pool");
        await UntilAsync(() => Endpoints().Count == 1 && readiness.IsReady, "one endpoint, ready", TimeSpan.FromSeconds(10));

        // Act
        _server.Delete("inference.networking.k8s.io/v1", "InferencePool", "default", "pool");
        await UntilAsync(() => Endpoints().Count == 0, "no endpoints", OneSecond);
        var syncedWithoutPool = _datastore.IsSynced;
        var readyWithoutPool = readiness.IsReady;
        CreatePool("pool", "app=vllm", 8000);

        // Assert
        await UntilAsync(() => readiness.IsReady, "ready again once the pool is recreated", TimeSpan.FromSeconds(5));
        Assert.That(syncedWithoutPool, Is.False, "a deleted pool is not a synced empty pool");
        Assert.That(readyWithoutPool, Is.False);
        Assert.That(Endpoints(), Is.EqualTo(new[] { "p-rank-0@10.0.0.1:8000" }));
    }

    [Test]
    public async Task LegacyPool_V1Alpha2_UsesItsSelectorMapAndTargetPortNumber()
    {
        // Arrange
        _server.Create(JsonNode.Parse("""
            {"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferencePool","metadata":{"name":"legacy","namespace":"default"},
             "spec":{"selector":{"app":"vllm"},"targetPortNumber":8000,"extensionRef":{"name":"epp"}}}
            """)!.AsObject());
        CreatePod("p", "app=vllm", ready: true, ip: "10.0.0.1");

        // Act
        await StartSourceAsync("legacy", group: "inference.networking.x-k8s.io");

        // Assert
        await UntilAsync(() => Endpoints().SequenceEqual(["p-rank-0@10.0.0.1:8000"]), "the legacy pool's endpoint", TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task PoolCrdInstalledLate_SyncsOnceItAndThePoolAppear()
    {
        // Arrange: a cluster without the legacy CRD.
        await using var bare = await KubeApiServer.StartAsync();
        using var client = new KubernetesClient(KubeConfigLoader.Load(bare.KubeconfigYaml(), "kubeconfig"));
        var options = new EppKubernetesOptions { PoolName = "legacy", PoolNamespace = "default", PoolGroup = "inference.networking.x-k8s.io", Informer = FastRetry };
        using var source = new InferencePoolEndpointSource(client, options, _datastore, NullLogger<InferencePoolEndpointSource>.Instance);
        await source.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        var syncedWithoutCrd = _datastore.IsSynced;

        // Act
        FixtureCrds.Install(bare, FixtureCrds.InferencePoolV1Alpha2);
        bare.Create(JsonNode.Parse("""{"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferencePool","metadata":{"name":"legacy","namespace":"default"},"spec":{"selector":{"app":"vllm"},"targetPortNumber":8000,"extensionRef":{"name":"epp"}}}""")!.AsObject());
        await UntilAsync(() => _datastore.IsSynced, "sync after the CRD and pool appeared", TimeSpan.FromSeconds(10));
        await source.StopAsync(CancellationToken.None);

        // Assert
        Assert.That(syncedWithoutCrd, Is.False);
    }

    [Test]
    public async Task ApiServerUnreachable_KeepsRetryingWithoutSyncingOrCrashing()
    {
        // Arrange: an address nothing listens on.
        var port = EppOperator.Testing.Net.FreePort.Next();
        using var client = new KubernetesClient(new KubeClientConfig { Server = new Uri($"http://127.0.0.1:{port}") }, new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        var options = new EppKubernetesOptions { PoolName = "pool", PoolNamespace = "default", Informer = FastRetry };
        using var source = new InferencePoolEndpointSource(client, options, _datastore, NullLogger<InferencePoolEndpointSource>.Instance);

        // Act
        await source.StartAsync(CancellationToken.None);
        await Task.Delay(500);
        var running = source.ExecuteTask is { IsCompleted: false };
        await source.StopAsync(CancellationToken.None);

        // Assert
        Assert.That(running, Is.True, "the source keeps retrying");
        Assert.That(_datastore.IsSynced, Is.False);
        Assert.That(source.ExecuteTask!.IsFaulted, Is.False);
    }

    [Test]
    public async Task LeaderElection_TwoReplicas_OnlyTheLeaderIsReady_AndTheOtherTakesOver()
    {
        // Arrange
        CreatePool("pool", "app=vllm", 8000);
        CreatePod("p", "app=vllm", ready: true, ip: "10.0.0.1");
        var (hostA, readyA) = await StartEppHostAsync("epp-a");
        await UntilAsync(() => readyA.IsReady, "replica a ready", TimeSpan.FromSeconds(10));
        var (_, readyB) = await StartEppHostAsync("epp-b");
        await UntilAsync(() => hostA.Services.GetRequiredService<EndpointDatastore>().IsSynced, "a synced", TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.That((readyA.IsReady, readyB.IsReady), Is.EqualTo((true, false)), "only the leader reports ready");

        // Act
        var stopwatch = Stopwatch.StartNew();
        await hostA.StopAsync();

        // Assert
        await UntilAsync(() => readyB.IsReady, "replica b ready after a stopped", TimeSpan.FromSeconds(10));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "a released the lease on shutdown");
        Assert.That(_server.Get("coordination.k8s.io/v1", "Lease", "default", "epp-default-pool")!["spec"]!["holderIdentity"]!.GetValue<string>(), Is.EqualTo("epp-b"));
    }

    private KubeClientConfig Config() => KubeConfigLoader.Load(_server.KubeconfigYaml(), "kubeconfig");

    private async Task StartSourceAsync(string pool, string group = "inference.networking.k8s.io")
    {
        var options = new EppKubernetesOptions { PoolName = pool, PoolNamespace = "default", PoolGroup = group, Informer = FastRetry };
        _source = new InferencePoolEndpointSource(_client, options, _datastore, NullLogger<InferencePoolEndpointSource>.Instance);
        await _source.StartAsync(CancellationToken.None);
    }

    private async Task<(IHost Host, EppReadiness Readiness)> StartEppHostAsync(string podName)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var options = new EppKubernetesOptions
        {
            PoolName = "pool",
            PoolNamespace = "default",
            LeaderElection = true,
            Identity = podName,
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
            Informer = FastRetry,
        };
        builder.Services.AddEppKubernetesMode(options, _ => Config());
        builder.Services.AddEppReadiness(leaderElection: true);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<EppReadiness>());
    }

    private List<string> Endpoints() =>
        [.. _datastore.Current.Endpoints.Select(e => $"{e.Name}@{e.HostPort}").Order(StringComparer.Ordinal)];

    private void CreatePool(string name, string selector, params int[] ports)
    {
        var (key, value) = (selector.Split('=')[0], selector.Split('=')[1]);
        var targetPorts = new JsonArray(ports.Select(p => (JsonNode?)new JsonObject { ["number"] = p }).ToArray());
        _server.Create(new JsonObject
        {
            ["apiVersion"] = "inference.networking.k8s.io/v1",
            ["kind"] = "InferencePool",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [key] = value } },
                ["targetPorts"] = targetPorts,
                ["endpointPickerRef"] = new JsonObject { ["name"] = name + "-epp", ["port"] = new JsonObject { ["number"] = 9002 } },
            },
        });
    }

    private void CreatePod(string name, string label, bool ready, string ip, string? nodeName = null)
    {
        var (key, value) = (label.Split('=')[0], label.Split('=')[1]);
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "vllm", ["image"] = "vllm" }) };
        if (nodeName is not null) spec["nodeName"] = nodeName;
        _server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { [key] = value } },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Running", ["podIP"] = ip, ["conditions"] = ReadyConditions(ready) },
        });
    }

    private void SetReady(string pod, bool ready) =>
        _server.Patch("v1", "Pod", "default", pod, new JsonObject { ["status"] = new JsonObject { ["conditions"] = ReadyConditions(ready) } }, status: true);

    private static JsonArray ReadyConditions(bool ready) => new(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" });

    private static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout) Assert.Fail($"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(10);
        }
    }
}
