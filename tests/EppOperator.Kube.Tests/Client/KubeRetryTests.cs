using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Core;

namespace EppOperator.Kube.Tests.Client;

public class KubeRetryTests : FixtureTest
{
    [Test]
    public async Task ModifyAsync_StaleCopy_RereadsAndKeepsTheOtherWritersChange()
    {
        // Arrange: our copy is read, then another writer changes the object.
        var stale = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" }, Data = new() { ["a"] = "1" } });
        var theirs = (await Client.GetAsync<ConfigMap>("cm"))!;
        theirs.Data!["other"] = "2";
        await Client.UpdateAsync(theirs);

        // Act
        var (result, written) = await KubeRetry.ModifyAsync(Client, stale, c => c.Data!.TryAdd("mine", "3"), Client.UpdateAsync, CancellationToken.None);

        // Assert
        Assert.That(written, Is.True);
        Assert.That(result.Data, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["other"] = "2", ["mine"] = "3" }));
    }

    [TestCase(KubeRetry.DefaultAttempts - 1, true)]
    [TestCase(KubeRetry.DefaultAttempts, false)]
    public async Task ModifyAsync_RepeatedConflicts_RetriedUpToTheAttemptLimit(int conflicts, bool expectWritten)
    {
        // Arrange
        var map = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" } });
        Server.InjectConflicts(conflicts, "configmaps");

        // Act
        var task = KubeRetry.ModifyAsync(Client, map, c => (c.Data ??= []).TryAdd("k", "v"), Client.UpdateAsync, CancellationToken.None);

        // Assert
        if (expectWritten)
        {
            Assert.That((await task).Written, Is.True);
        }
        else
        {
            var error = Assert.ThrowsAsync<KubernetesException>(async () => await task);
            Assert.That(error!.IsConflict, Is.True);
        }
    }

    [Test]
    public async Task ModifyAsync_NoChangeNeeded_DoesNotWrite()
    {
        // Arrange
        var map = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" } });
        var writesBefore = Server.Requests.Count(r => r.Method == "PUT");

        // Act
        var (result, written) = await KubeRetry.ModifyAsync(Client, map, _ => false, Client.UpdateAsync, CancellationToken.None);

        // Assert
        Assert.That((written, result.Metadata.ResourceVersion), Is.EqualTo((false, map.Metadata.ResourceVersion)));
        Assert.That(Server.Requests.Count(r => r.Method == "PUT"), Is.EqualTo(writesBefore));
    }
}
