using System.Collections.Concurrent;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Informers;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.Informers;

public class InformerTests : FixtureTest
{
    private static readonly InformerOptions FastRetry = new()
    {
        Namespace = "default",
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        MaxJitter = TimeSpan.FromMilliseconds(10),
    };

    private CancellationTokenSource _stop = null!;

    [SetUp]
    public void SetUp() => _stop = new CancellationTokenSource();

    [TearDown]
    public async Task TearDown()
    {
        // Runs before the base class stops the server, so informers end first.
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    [Test]
    public async Task RunAsync_ListThenWatch_CacheFollowsAndHandlersSeeEachChangeOnce()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a" } });
        var (informer, events) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token);

        // Act
        var b = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "b" } });
        b.Data = new() { ["k"] = "v" };
        await Client.UpdateAsync(b);
        await Client.DeleteAsync<ConfigMap>("a");
        await Poll.UntilAsync(() => events.Count == 4, "four events");

        // Assert
        Assert.That(events, Is.EqualTo(new[] { "Added:a", "Added:b", "Modified:b", "Deleted:a" }));
        Assert.That(informer.Cache.Get("default", "b")!.Data!["k"], Is.EqualTo("v"));
        Assert.That(informer.Cache.Get("default", "a"), Is.Null);
    }

    [Test]
    public async Task RunAsync_WatchDisconnected_ResumesFromLastVersionWithoutRelist()
    {
        // Arrange
        var (informer, events) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token);
        await WaitForWatchAsync();

        // Act
        Server.DisconnectWatches();
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "during-outage" } });
        await Poll.UntilAsync(() => events.Count == 1, "the change made while disconnected");
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "after" } });
        await Poll.UntilAsync(() => events.Count == 2, "the change after reconnecting");

        // Assert
        Assert.That(events, Is.EqualTo(new[] { "Added:during-outage", "Added:after" }));
        Assert.That(informer.ListCount, Is.EqualTo(1), "resume, not relist");
        Assert.That(informer.WatchCount, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task RunAsync_WatchExpired_RelistsAndReportsOnlyTheDifference()
    {
        // Arrange
        foreach (var name in new[] { "unchanged", "changed", "removed" })
        {
            await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = name } });
        }

        var (informer, events) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token);
        events.Clear();
        await WaitForWatchAsync();

        // Act: keep the informer off the stream while things change and history is compacted.
        Server.FailRequests(int.MaxValue, 503, r => r.IsWatch);
        Server.DisconnectWatches();
        var changed = await Client.GetAsync<ConfigMap>("changed");
        changed!.Data = new() { ["v"] = "2" };
        await Client.UpdateAsync(changed);
        await Client.DeleteAsync<ConfigMap>("removed");
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "created" } });
        Server.CompactHistory();
        Server.FailRequests(0, 503);
        await Poll.UntilAsync(() => informer.ListCount == 2 && events.Count == 3, "relist and its three differences");
        await Task.Delay(300);

        // Assert
        Assert.That(events, Is.EquivalentTo(new[] { "Modified:changed", "Deleted:removed", "Added:created" }));
        Assert.That(informer.Cache.List().Select(c => c.Metadata.Name), Is.EquivalentTo(new[] { "unchanged", "changed", "created" }));
    }

    [Test]
    public async Task RunAsync_ForcedGoneOnOpenWatch_Relists()
    {
        // Arrange
        var (informer, _) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token);
        await WaitForWatchAsync();

        // Act
        Server.ExpireWatches("configmaps");
        await Poll.UntilAsync(() => informer.ListCount == 2, "a relist after 410");

        // Assert
        Assert.That(informer.HasSynced, Is.True);
    }

    [Test]
    public async Task RunAsync_GarbageOnTheStream_SkipsItAndKeepsWatching()
    {
        // Arrange
        var (informer, events) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token);
        await WaitForWatchAsync();

        // Act
        Server.InjectWatchLine("\u0000\u0001 not json at all");
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "after-garbage" } });
        await Poll.UntilAsync(() => events.Count == 1, "the event after the garbage line");

        // Assert
        Assert.That(events, Is.EqualTo(new[] { "Added:after-garbage" }));
        Assert.That(informer.ListCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ServerFailsAtFirst_RetriesUntilSynced()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a" } });
        Server.FailRequests(3, 500);

        // Act
        var (informer, events) = Start(FastRetry);
        await informer.WaitForSyncAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(events, Is.EqualTo(new[] { "Added:a" }));
    }

    [Test]
    public async Task RunAsync_SilentStream_WatchdogReconnects()
    {
        // Arrange: a server that never sends bookmarks, and an informer with a short idle limit.
        await using var quiet = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = null });
        using var client = FixtureClients.Create(quiet);
        var informer = new Informer<ConfigMap>(client, FastRetry with { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        _ = informer.RunAsync(_stop.Token);

        // Act
        await Poll.UntilAsync(() => informer.WatchCount >= 3, "watchdog reconnects");

        // Assert
        Assert.That(informer.ListCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_WatchesEndAtOnceWithoutEvents_ReconnectsWithBackoffNotInATightLoop()
    {
        // Arrange: a proxy that answers every watch with an empty 200 (the list still works).
        using var client = FixtureClients.Create(Server, interceptor: new EmptyWatchHandler());
        var informer = new Informer<ConfigMap>(client, FastRetry with { InitialBackoff = TimeSpan.FromMilliseconds(50) });
        _ = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(_stop.Token);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Assert: 50, 100, 200, 200... ms apart is about six watches a second; a tight loop makes hundreds.
        Assert.That(informer.WatchCount, Is.InRange(2, 12));
        Assert.That(informer.ListCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Cache_Index_FindsObjectsByIndexedValue()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a", Labels = new() { ["pool"] = "p1" } } });
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "b", Labels = new() { ["pool"] = "p2" } } });
        var (informer, events) = Start(FastRetry);
        informer.Cache.AddIndex("pool", c => c.Metadata.Labels?.TryGetValue("pool", out var p) == true ? [p] : []);
        await informer.WaitForSyncAsync(_stop.Token);

        // Act
        var relabel = await Client.GetAsync<ConfigMap>("b");
        relabel!.Metadata.Labels!["pool"] = "p1";
        await Client.UpdateAsync(relabel);
        await Poll.UntilAsync(() => events.Count == 3, "the relabel");

        // Assert
        Assert.That(informer.Cache.ByIndex("pool", "p1").Select(c => c.Metadata.Name), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(informer.Cache.ByIndex("pool", "p2"), Is.Empty);
    }

    private (Informer<ConfigMap> Informer, ConcurrentQueue<string> Events) Start(InformerOptions options)
    {
        var informer = new Informer<ConfigMap>(Client, options);
        var events = new ConcurrentQueue<string>();
        informer.AddHandler(e => events.Enqueue($"{e.Type}:{e.Object.Metadata.Name}"));
        _ = informer.RunAsync(_stop.Token);
        return (informer, events);
    }

    private Task WaitForWatchAsync() => Server.WaitForAsync(() => Server.OpenWatchCount("configmaps") >= 1, TimeSpan.FromSeconds(10), "an open watch");
}
