using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EppOperator.Epp.Kubernetes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Tests.Kubernetes;

public class PoolScopedWatchTests
{
    private KubeApiServer _server = null!;
    private KubernetesClient _client = null!;
    private CancellationTokenSource _stop = null!;
    private readonly ConcurrentQueue<string> _calls = new();

    [SetUp]
    public async Task SetUp()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        _client = new KubernetesClient(KubeConfigLoader.Load(_server.KubeconfigYaml(), "kubeconfig"));
        _stop = new CancellationTokenSource();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_ObjectivesOfThePool_ReplacedThenUpsertedAndRemovedAsTheyChange()
    {
        // Arrange
        FixtureCrds.Install(_server, FixtureCrds.InferenceObjective);
        Objective("a", "pool", 2);
        Objective("b", "other-pool", 1);
        var watch = Watch();
        _ = watch.RunAsync(_stop.Token);
        await Until(() => watch.HasSynced, "sync");

        // Act
        Objective("c", "pool", -1);
        await Until(() => _calls.Count == 2, "c added");
        _server.Patch("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective", "default", "a", JsonNode.Parse("""{"spec":{"poolRef":{"name":"other-pool"}}}""")!.AsObject());
        await Until(() => _calls.Count == 3, "a moved away");
        _server.Delete("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective", "default", "c");
        await Until(() => _calls.Count == 4, "c deleted");

        // Assert
        Assert.That(_calls, Is.EqualTo(new[] { "replace:a", "upsert:c", "remove:a", "remove:c" }));
    }

    [Test]
    public async Task RunAsync_CrdNotInstalled_SkipsTheWatchAndCountsAsSynced()
    {
        // Arrange
        var watch = Watch();

        // Act
        await watch.RunAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(watch.HasSynced, Is.True);
        Assert.That(_calls, Is.Empty);
        Assert.That(_server.Requests.Any(r => r.IsWatch), Is.False);
    }

    private PoolScopedWatch<V1Alpha2InferenceObjective> Watch() => new(
        _client,
        new InformerOptions { Namespace = "default", InitialBackoff = TimeSpan.FromMilliseconds(20) },
        o => o.Spec.PoolRef.Name == "pool",
        all => _calls.Enqueue("replace:" + string.Join(",", all.Select(o => o.Metadata.Name).Order(StringComparer.Ordinal))),
        o => _calls.Enqueue("upsert:" + o.Metadata.Name),
        o => _calls.Enqueue("remove:" + o.Metadata.Name),
        NullLogger.Instance);

    private void Objective(string name, string pool, int priority) =>
        _server.Create(new JsonObject
        {
            ["apiVersion"] = "inference.networking.x-k8s.io/v1alpha2",
            ["kind"] = "InferenceObjective",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["priority"] = priority, ["poolRef"] = new JsonObject { ["name"] = pool } },
        });

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out: " + what);
            await Task.Delay(10);
        }
    }
}
