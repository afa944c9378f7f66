using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>What triggers a dispatch cycle and how much one releases.</summary>
[TestFixture]
public sealed class FlowControllerDispatchTests
{
    [Test]
    public void Dispatch_BurstOnAnIdlePool_ReleasesOnlyWhatTheReservationsLeaveRoomFor()
    {
        // Arrange: one idle endpoint scraped just now; Q = 5, so five queued requests make it saturated
        using var h = IdleEndpoint(TimeSpan.Zero);
        h.PlaceOnDispatch = false;

        // Act: a burst of 20 arrives before the scheduler has placed any of them
        for (var i = 0; i < 20; i++) h.Submit();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(h.Dispatched.Count(), Is.EqualTo(5));
            Assert.That(h.Controller.ReservedCount, Is.EqualTo(5));
            Assert.That(h.Controller.QueuedCount, Is.EqualTo(15));
        });
    }

    [Test]
    public void Dispatch_PlacedButNotYetScraped_StillCountsAgainstSaturation()
    {
        // Arrange
        using var h = IdleEndpoint(TimeSpan.Zero);
        h.PlaceOnDispatch = false;
        for (var i = 0; i < 20; i++) h.Submit();

        // Act: placement moves the five from the reservation to the endpoint's in-flight counter
        h.PlaceAll();

        // Assert: the stale scrape says "idle", but the five in flight are counted as queued, so no more go
        Assert.Multiple(() =>
        {
            Assert.That(h.Controller.ReservedCount, Is.Zero);
            Assert.That(h.Endpoints[0].InFlightRequests, Is.EqualTo(5));
            Assert.That(h.Dispatched.Count(), Is.EqualTo(5));
        });
    }

    [Test]
    public void Dispatch_MetricsShowRoomWithoutAnEvent_TheRecheckReleasesMore()
    {
        // Arrange
        using var h = IdleEndpoint(TimeSpan.FromMilliseconds(50));
        for (var i = 0; i < 20; i++) h.Submit();
        var first = h.Dispatched.Count();

        // Act: the next scrape shows the five running and nothing waiting; only the re-check can notice
        h.Endpoints[0].Metrics = new EndpointMetrics { RunningRequests = 5, UpdatedAt = h.Clock.GetUtcNow() };
        h.Clock.Advance(TimeSpan.FromMilliseconds(49));
        var beforeRecheck = h.Dispatched.Count();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(5));
            Assert.That(beforeRecheck, Is.EqualTo(5));
            Assert.That(h.Dispatched.Count(), Is.EqualTo(10));
        });
    }

    [Test]
    public void Dispatch_CompletionFreesCapacity_ReleasesTheNextAtOnce()
    {
        // Arrange
        using var h = new FlowHarness(capacity: 2);
        for (var i = 0; i < 5; i++) h.Submit();

        // Act
        h.FinishOldest();

        // Assert: no clock movement needed
        Assert.Multiple(() =>
        {
            Assert.That(h.Dispatched.Count(), Is.EqualTo(3));
            Assert.That(h.Controller.QueuedCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Dispatch_EmptyPool_HoldsEverythingUntilEndpointsAppear()
    {
        // Arrange: a detector over no endpoints reads saturated
        using var h = new FlowHarness(endpoints: 0);

        // Act
        var waiting = h.Submit();

        // Assert
        Assert.That(waiting.Outcome, Is.EqualTo(FlowOutcome.Pending));
    }

    [Test]
    public void Dispatch_CallbacksPlaceFromInsideTheCycle_EveryRequestIsReleasedWithoutRecursion()
    {
        // Arrange: a pool with room for 10,000; the harness places each request from its dispatch callback
        using var h = new FlowHarness(capacity: 10_000);

        // Act
        for (var i = 0; i < 5000; i++) h.Submit();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(h.Dispatched.Count(), Is.EqualTo(5000));
            Assert.That(h.Controller.ReservedCount, Is.Zero);
        });
    }

    /// <summary>One endpoint scraped idle just now, read by the utilization detector (metrics never go stale here).</summary>
    private static FlowHarness IdleEndpoint(TimeSpan recheck)
    {
        var h = new FlowHarness(
            new FlowControlOptions { RecheckInterval = recheck },
            detector: clock => new UtilizationDetector(UtilizationDetector.TypeName, clock, stalenessThreshold: TimeSpan.FromHours(1)));
        h.Endpoints[0].Metrics = new EndpointMetrics { UpdatedAt = h.Clock.GetUtcNow() };
        return h;
    }
}
