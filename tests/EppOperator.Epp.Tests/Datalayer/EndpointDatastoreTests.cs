using System.Net;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class EndpointDatastoreTests
{
    [Test]
    public void ReplaceAll_EmptyList_IsSyncedWithNoEndpoints()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        var syncedBefore = datastore.IsSynced;

        // Act
        datastore.ReplaceAll([]);

        // Assert
        Assert.That(syncedBefore, Is.False);
        Assert.That(datastore.IsSynced, Is.True, "a pool with no Ready pods is synced, just empty");
        Assert.That(datastore.Current.Count, Is.Zero);
    }

    [Test]
    public void ReplaceAll_UnchangedSpec_KeepsTheEndpointAndItsState()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("a", 1), Spec("b", 2)]);
        var kept = datastore.Current.Endpoints[0];
        kept.AddInFlight(10);

        // Act
        datastore.ReplaceAll([Spec("a", 1), Spec("c", 3)]);

        // Assert
        Assert.That(datastore.Current.Endpoints.Select(e => e.Name), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(datastore.Current.Endpoints[0], Is.SameAs(kept));
        Assert.That(kept.InFlightRequests, Is.EqualTo(1));
    }

    [Test]
    public void Clear_SyncedPool_DropsEndpointsAndBecomesUnsyncedBeforeAnnouncing()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("a", 1)]);
        var seen = new List<(int Count, bool Synced)>();
        datastore.Changed += snapshot => seen.Add((snapshot.Count, datastore.IsSynced));
        var version = datastore.Current.Version;

        // Act
        datastore.Clear();

        // Assert
        Assert.That(datastore.IsSynced, Is.False);
        Assert.That(datastore.Current.Count, Is.Zero);
        Assert.That(datastore.Current.Version, Is.GreaterThan(version));
        Assert.That(seen, Is.EqualTo(new[] { (0, false) }));
    }

    [Test]
    public void ReplaceAll_AfterClear_IsSyncedAgain()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("a", 1)]);
        datastore.Clear();

        // Act
        datastore.ReplaceAll([Spec("b", 2)]);

        // Assert
        Assert.That(datastore.IsSynced, Is.True);
        Assert.That(datastore.Current.Endpoints.Select(e => e.Name), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void Upsert_SameThenChangedSpec_PublishesOnlyTheChange()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("a", 1)]);
        var original = datastore.Current.Endpoints[0];
        var version = datastore.Current.Version;

        // Act
        datastore.Upsert(Spec("a", 1));
        var afterSame = datastore.Current;
        datastore.Upsert(Spec("a", 9));

        // Assert
        Assert.That(afterSame.Version, Is.EqualTo(version), "an identical spec publishes nothing");
        Assert.That(datastore.Current.Endpoints.Single(), Is.Not.SameAs(original));
        Assert.That(datastore.Current.Endpoints.Single().HostPort, Is.EqualTo("10.0.0.9:8000"));
    }

    [TestCase("a", true, 0)]
    [TestCase("nobody", false, 1)]
    public void Remove_ByName_RemovesOnlyAKnownEndpoint(string name, bool expectedRemoved, int expectedLeft)
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec("a", 1)]);

        // Act
        var removed = datastore.Remove(name);

        // Assert
        Assert.That(removed, Is.EqualTo(expectedRemoved));
        Assert.That(datastore.Current.Count, Is.EqualTo(expectedLeft));
    }

    private static EndpointSpec Spec(string name, int host) => new(name, IPAddress.Parse($"10.0.0.{host}"), 8000);
}
