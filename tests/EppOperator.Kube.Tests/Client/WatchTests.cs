using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Core;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.Client;

public class WatchTests : FixtureTest
{

    [Test]
    public async Task WatchAsync_FromListVersion_DeliversLaterChangesInCommitOrder()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "before" } });
        var list = await Client.ListAsync<ConfigMap>("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion, AllowWatchBookmarks = false }, cts.Token))
            {
                seen.Add($"{e.Type}:{e.Object!.Metadata.Name}");
                if (seen.Count == 3) return;
            }
        });

        // Act
        var created = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "after" } });
        created.Data = new() { ["x"] = "1" };
        await Client.UpdateAsync(created);
        await Client.DeleteAsync<ConfigMap>("after");
        await watch;

        // Assert
        Assert.That(seen, Is.EqualTo(new[] { "Added:after", "Modified:after", "Deleted:after" }));
    }

    [Test]
    public async Task WatchAsync_WithoutResourceVersion_StartsWithSyntheticAdds()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "existing" } });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // Act
        WatchEvent<ConfigMap> first = default;
        await foreach (var e in Client.WatchAsync<ConfigMap>("default", new WatchOptions(), cts.Token))
        {
            first = e;
            break;
        }

        // Assert
        Assert.That((first.Type, first.Object!.Metadata.Name), Is.EqualTo((WatchEventType.Added, "existing")));
    }

    [Test]
    public async Task WatchAsync_IdleStreamWithBookmarks_DeliversBookmarksWithCurrentVersion()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "x" } });
        var list = await Client.ListAsync<ConfigMap>("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // Act
        WatchEvent<ConfigMap> bookmark = default;
        await foreach (var e in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion }, cts.Token))
        {
            bookmark = e;
            break;
        }

        // Assert
        Assert.That(bookmark.Type, Is.EqualTo(WatchEventType.Bookmark));
        Assert.That(bookmark.Object, Is.Null);
        Assert.That(bookmark.ResourceVersion, Is.EqualTo(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task WatchAsync_GarbageLines_AreSkippedAndTheStreamContinues()
    {
        // Arrange
        var list = await Client.ListAsync<ConfigMap>("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var names = new List<string>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion, AllowWatchBookmarks = false }, cts.Token))
            {
                names.Add(e.Object!.Metadata.Name!);
                if (names.Count == 2) return;
            }
        });
        await Server.WaitForAsync(() => Server.OpenWatchCount("configmaps") == 1, TimeSpan.FromSeconds(10));

        // Act
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "one" } });
        Server.InjectWatchLine("{this is not json");
        Server.InjectWatchLine("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":42}}}");
        Server.InjectWatchLine("{\"type\":\"SOMETHING\",\"object\":{}}");
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "two" } });
        await watch;

        // Assert
        Assert.That(names, Is.EqualTo(new[] { "one", "two" }));
    }

    [Test]
    public async Task WatchAsync_ResourceVersionCompactedAway_ThrowsGone()
    {
        // Arrange
        var list = await Client.ListAsync<ConfigMap>("default");
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "x" } });
        Server.CompactHistory();

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(async () =>
        {
            await foreach (var unused in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion }))
            {
            }
        });

        // Assert
        Assert.That((error!.IsGone, error.Reason), Is.EqualTo((true, "Expired")));
    }

    [Test]
    public async Task WatchAsync_SilentStream_WatchdogEndsItWithWatchIdle()
    {
        // Arrange: no bookmarks and no changes, so the stream stays silent.
        await using var quiet = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = null });
        using var client = FixtureClients.Create(quiet);
        var list = await client.ListAsync<ConfigMap>("default");

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(async () =>
        {
            await foreach (var unused in client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion, IdleTimeout = TimeSpan.FromMilliseconds(300) }))
            {
            }
        });

        // Assert
        Assert.That(error!.Reason, Is.EqualTo(KubeReasons.WatchIdle));
    }

    [Test]
    public async Task WatchAsync_ConnectionDropped_ThrowsUnreachable()
    {
        // Arrange
        var list = await Client.ListAsync<ConfigMap>("default");
        var watch = Task.Run(async () =>
        {
            await foreach (var unused in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion, AllowWatchBookmarks = false }))
            {
            }
        });
        await Server.WaitForAsync(() => Server.OpenWatchCount("configmaps") == 1, TimeSpan.FromSeconds(10));

        // Act
        Server.DisconnectWatches();

        // Assert
        var error = Assert.ThrowsAsync<KubernetesException>(async () => await watch);
        Assert.That(error!.IsUnreachable, Is.True);
    }

    [Test]
    public async Task WatchAsync_LabelSelector_ObjectLeavingTheSelectionArrivesAsDeleted()
    {
        // Arrange
        var map = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "m", Labels = new() { ["tier"] = "web" } } });
        var list = await Client.ListAsync<ConfigMap>("default", new ListOptions { LabelSelector = "tier=web" });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<WatchEventType>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync<ConfigMap>("default", new WatchOptions { ResourceVersion = list.ResourceVersion, LabelSelector = "tier=web", AllowWatchBookmarks = false }, cts.Token))
            {
                seen.Add(e.Type);
                if (seen.Count == 2) return;
            }
        });

        // Act
        map.Metadata.Labels!["tier"] = "db";
        map = await Client.UpdateAsync(map);
        map.Metadata.Labels!["tier"] = "web";
        await Client.UpdateAsync(map);
        await watch;

        // Assert
        Assert.That(seen, Is.EqualTo(new[] { WatchEventType.Deleted, WatchEventType.Added }));
    }
}
