using System.Collections.Immutable;
using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>Order within a flow and strict priority between bands. One slot in the pool: each finish releases one request.</summary>
[TestFixture]
public sealed class FlowControllerOrderingTests
{
    [Test]
    public void Enqueue_PoolHasRoom_DispatchesAtOnceWithoutQueueing()
    {
        // Arrange
        using var h = new FlowHarness(capacity: 2);

        // Act
        var item = h.Submit();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(item.Outcome, Is.EqualTo(FlowOutcome.Dispatched));
            Assert.That(item.QueueTime, Is.EqualTo(TimeSpan.Zero));
            Assert.That(h.Controller.QueuedCount, Is.Zero);
            Assert.That(h.Controller.ReservedCount, Is.Zero, "placed by the harness at once");
        });
    }

    [Test]
    public void Dispatch_Fcfs_ReleasesInArrivalOrderAcrossFlows()
    {
        // Arrange
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        h.Submit("a", id: "a1");
        h.Submit("b", id: "b1");
        h.Submit("a", id: "a2");

        // Act
        for (var i = 0; i < 3; i++) h.FinishOldest();

        // Assert
        Assert.That(h.DispatchOrder, Is.EqualTo(new[] { "busy", "a1", "b1", "a2" }));
    }

    [Test]
    public void Dispatch_Edf_ReleasesEarliestDeadlineFirstAndUnboundedLast()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { DefaultBand = new BandOptions { OrderingPolicy = EdfOrderingPolicy.TypeName }, RecheckInterval = TimeSpan.Zero });
        var now = h.Clock.GetUtcNow();
        h.Submit(id: "busy");
        h.Submit(id: "30s", deadline: now.AddSeconds(30));
        h.Submit(id: "none");
        h.Submit(id: "10s", deadline: now.AddSeconds(10));
        h.Submit("other", id: "20s", deadline: now.AddSeconds(20));

        // Act
        for (var i = 0; i < 4; i++) h.FinishOldest();

        // Assert
        Assert.That(h.DispatchOrder, Is.EqualTo(new[] { "busy", "10s", "20s", "30s", "none" }));
    }

    [Test]
    public void Dispatch_SloDeadline_ReleasesByArrivalPlusTheTtftTarget()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { DefaultBand = new BandOptions { OrderingPolicy = SloDeadlineOrderingPolicy.TypeName }, RecheckInterval = TimeSpan.Zero });
        static Dictionary<string, string> Slo(string ms) => new() { [SloDeadlineOrderingPolicy.HeaderName] = ms };
        h.Submit(id: "busy");
        h.Submit(id: "500ms", headers: Slo("500"));
        h.Submit(id: "none");
        h.Submit(id: "bad", headers: Slo("soon"));
        h.Submit(id: "100ms", headers: Slo("100"));

        // Act
        for (var i = 0; i < 4; i++) h.FinishOldest();

        // Assert: without a usable header, arrival order after every request that has one
        Assert.That(h.DispatchOrder, Is.EqualTo(new[] { "busy", "100ms", "500ms", "none", "bad" }));
    }

    [Test]
    public void Dispatch_StrictPriority_HigherBandsGoFirstWhateverTheArrivalOrder()
    {
        // Arrange
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        h.Submit(priority: -1, id: "sheddable-1");
        h.Submit(priority: 0, id: "standard");
        h.Submit(priority: -1, id: "sheddable-2");
        h.Submit("vip", priority: 5, id: "critical");

        // Act
        for (var i = 0; i < 4; i++) h.FinishOldest();

        // Assert
        Assert.That(h.DispatchOrder, Is.EqualTo(new[] { "busy", "critical", "standard", "sheddable-1", "sheddable-2" }));
    }

    [Test]
    public void Dispatch_BandsWithOwnPolicies_EachBandUsesItsConfiguredOrdering()
    {
        // Arrange: priority 1 orders by deadline, the default band by arrival
        var options = new FlowControlOptions
        {
            Bands = ImmutableDictionary<int, BandOptions>.Empty.Add(1, new BandOptions { Priority = 1, OrderingPolicy = EdfOrderingPolicy.TypeName }),
            RecheckInterval = TimeSpan.Zero,
        };
        using var h = new FlowHarness(options);
        var now = h.Clock.GetUtcNow();
        h.Submit(id: "busy");
        h.Submit(priority: 0, id: "p0-late-deadline", deadline: now.AddSeconds(60));
        h.Submit(priority: 0, id: "p0-early-deadline", deadline: now.AddSeconds(5));
        h.Submit(priority: 1, id: "p1-late-deadline", deadline: now.AddSeconds(60));
        h.Submit(priority: 1, id: "p1-early-deadline", deadline: now.AddSeconds(5));

        // Act
        for (var i = 0; i < 4; i++) h.FinishOldest();

        // Assert
        Assert.That(h.DispatchOrder, Is.EqualTo(new[] { "busy", "p1-early-deadline", "p1-late-deadline", "p0-late-deadline", "p0-early-deadline" }));
    }
}
