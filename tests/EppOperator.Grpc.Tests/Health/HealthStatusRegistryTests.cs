using EppOperator.Epp.Grpc.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Grpc.Tests.Health;

[TestFixture]
public sealed class HealthStatusRegistryTests
{
    [Test]
    public void Watch_UnknownService_InitialServiceUnknownAndNoUpdates()
    {
        // Arrange
        var registry = new HealthStatusRegistry();

        // Act
        using var watch = registry.Watch("missing");

        // Assert
        Assert.That(watch.Initial, Is.EqualTo(ServingStatus.ServiceUnknown));
        Assert.That(watch.Updates.TryRead(out _), Is.False);
    }

    [Test]
    public void Watch_ChangeRightAfterSubscribing_InitialKeptAndChangeQueued()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        registry.SetStatus("svc", ServingStatus.Serving);
        using var watch = registry.Watch("svc");

        // Act
        registry.SetStatus("svc", ServingStatus.NotServing);

        // Assert
        Assert.That(watch.Initial, Is.EqualTo(ServingStatus.Serving));
        Assert.That(watch.Updates.TryRead(out var change), Is.True);
        Assert.That(change, Is.EqualTo(ServingStatus.NotServing));
    }

    [Test]
    public void SetStatus_SlowWatcher_OnlyLatestKept()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        registry.SetStatus("svc", ServingStatus.Serving);
        using var watch = registry.Watch("svc");

        // Act
        registry.SetStatus("svc", ServingStatus.NotServing);
        registry.SetStatus("svc", ServingStatus.Serving);
        registry.SetStatus("svc", ServingStatus.NotServing);

        // Assert
        Assert.That(watch.Updates.TryRead(out var status), Is.True);
        Assert.That(status, Is.EqualTo(ServingStatus.NotServing));
        Assert.That(watch.Updates.TryRead(out _), Is.False);
    }

    [Test]
    public void SetStatus_SameStatusAgain_NoNotification()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        registry.SetStatus("svc", ServingStatus.Serving);
        using var watch = registry.Watch("svc");

        // Act
        registry.SetStatus("svc", ServingStatus.Serving);

        // Assert
        Assert.That(watch.Updates.TryRead(out _), Is.False);
    }

    [Test]
    public void ClearStatus_KnownService_WatchersSeeServiceUnknownAndCheckFails()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        registry.SetStatus("svc", ServingStatus.Serving);
        using var watch = registry.Watch("svc");

        // Act
        registry.ClearStatus("svc");

        // Assert
        Assert.That(watch.Updates.TryRead(out var status) ? status : ServingStatus.Unknown, Is.EqualTo(ServingStatus.ServiceUnknown));
        Assert.That(registry.TryGetStatus("svc", out _), Is.False);
    }

    [Test]
    public void Shutdown_WithWatchers_NotServingThenCompletedAndLaterSetsIgnored()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        registry.SetStatus("", ServingStatus.Serving);
        using var watch = registry.Watch("");

        // Act
        registry.Shutdown();
        registry.SetStatus("", ServingStatus.Serving);

        // Assert
        Assert.That(watch.Updates.TryRead(out var status), Is.True);
        Assert.That(status, Is.EqualTo(ServingStatus.NotServing));
        Assert.That(watch.Updates.Completion.IsCompleted, Is.True);
        Assert.That(registry.TryGetStatus("", out var after) ? after : ServingStatus.Unknown, Is.EqualTo(ServingStatus.NotServing));
    }

    [Test]
    public void Dispose_Watch_WatcherCountDrops()
    {
        // Arrange
        var registry = new HealthStatusRegistry();
        var first = registry.Watch("svc");
        using var second = registry.Watch("svc");

        // Act
        first.Dispose();

        // Assert
        Assert.That(registry.WatcherCount("svc"), Is.EqualTo(1));
    }
}
