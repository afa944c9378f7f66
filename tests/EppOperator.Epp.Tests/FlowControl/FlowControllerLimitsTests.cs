using System.Collections.Immutable;
using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>Capacity limits (429), the queue TTL and client deadlines (503), client disconnects and shutdown.</summary>
[TestFixture]
public sealed class FlowControllerLimitsTests
{
    private static readonly TimeSpan NoRecheck = TimeSpan.Zero;

    [Test]
    public void Enqueue_GlobalMaxRequestsReached_RejectsWith429()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { MaxRequests = 2, RecheckInterval = NoRecheck });
        h.Submit(id: "busy");
        h.Submit();
        h.Submit();

        // Act
        var rejected = h.Submit(priority: 7);

        // Assert
        var error = rejected.Outcome.ToError();
        Assert.Multiple(() =>
        {
            Assert.That(rejected.Outcome, Is.EqualTo(FlowOutcome.RejectedCapacity));
            Assert.That(error!.HttpStatus, Is.EqualTo(429));
            Assert.That(error.Body, Does.StartWith("inference error: ResourceExhausted - "));
            Assert.That(h.Controller.QueuedCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Enqueue_GlobalMaxBytesReached_RejectsTheRequestThatWouldNotFit()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { MaxBytes = 1000, RecheckInterval = NoRecheck });
        h.Submit(id: "busy");
        h.Submit(bytes: 600);

        // Act
        var tooBig = h.Submit(bytes: 401);
        var fits = h.Submit(bytes: 400);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(tooBig.Outcome, Is.EqualTo(FlowOutcome.RejectedCapacity));
            Assert.That(fits.Outcome, Is.EqualTo(FlowOutcome.Pending));
            Assert.That(h.Controller.QueuedBytes, Is.EqualTo(1000));
        });
    }

    [Test]
    public void Enqueue_BandLimitsReached_RejectOnlyInThatBand()
    {
        // Arrange: sheddable traffic may queue 2 requests or 500 bytes; the default band is unlimited
        var options = new FlowControlOptions
        {
            Bands = ImmutableDictionary<int, BandOptions>.Empty.Add(-1, new BandOptions { Priority = -1, MaxRequests = 2, MaxBytes = 500 }),
            RecheckInterval = NoRecheck,
        };
        using var h = new FlowHarness(options);
        h.Submit(id: "busy");
        h.Submit(priority: -1, bytes: 100);
        var overBytes = h.Submit(priority: -1, bytes: 401);
        h.Submit(priority: -1, bytes: 100);

        // Act
        var overCount = h.Submit(priority: -1, bytes: 1);
        var otherBand = h.Submit(priority: 0, bytes: 10_000);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(overBytes.Outcome, Is.EqualTo(FlowOutcome.RejectedCapacity));
            Assert.That(overCount.Outcome, Is.EqualTo(FlowOutcome.RejectedCapacity));
            Assert.That(otherBand.Outcome, Is.EqualTo(FlowOutcome.Pending));
        });
    }

    [Test]
    public void Dispatch_DefaultTtlPasses_EvictsWith503AndDisarmsTheTimer()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { DefaultRequestTtl = TimeSpan.FromSeconds(10), RecheckInterval = NoRecheck });
        h.Submit(id: "busy");
        var waiting = h.Submit();

        // Act
        h.Clock.Advance(TimeSpan.FromSeconds(9.9));
        var before = waiting.Outcome;
        h.Clock.Advance(TimeSpan.FromSeconds(0.1));

        // Assert
        var error = waiting.Outcome.ToError();
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(FlowOutcome.Pending));
            Assert.That(waiting.Outcome, Is.EqualTo(FlowOutcome.EvictedTtl));
            Assert.That(waiting.QueueTime, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(error!.HttpStatus, Is.EqualTo(503));
            Assert.That(error.Body, Is.EqualTo("inference error: ServiceUnavailable - request timed out in queue"));
            Assert.That(h.Controller.QueuedCount, Is.Zero);
            Assert.That(h.Clock.ActiveTimers, Is.Zero);
        });
    }

    [Test]
    public void Dispatch_ClientDeadlineBeforeTheTtl_ExpiresAtTheDeadline()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { DefaultRequestTtl = TimeSpan.FromSeconds(60), RecheckInterval = NoRecheck });
        h.Submit(id: "busy");
        var withDeadline = h.Submit(deadline: h.Clock.GetUtcNow().AddSeconds(5));
        var withTtl = h.Submit();

        // Act
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(withDeadline.Outcome, Is.EqualTo(FlowOutcome.EvictedTtl));
            Assert.That(withTtl.Outcome, Is.EqualTo(FlowOutcome.Pending));
        });
    }

    [Test]
    public void Enqueue_DeadlineAlreadyPassed_EvictsAtOnce()
    {
        using var h = new FlowHarness();
        h.Submit(id: "busy");

        var late = h.Submit(deadline: h.Clock.GetUtcNow().AddSeconds(-1));

        Assert.That(late.Outcome, Is.EqualTo(FlowOutcome.EvictedTtl));
    }

    [Test]
    public void Dispatch_NoTtlAndNoDeadline_WaitsIndefinitely()
    {
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        var waiting = h.Submit();

        h.Clock.Advance(TimeSpan.FromHours(1));

        Assert.That(waiting.Outcome, Is.EqualTo(FlowOutcome.Pending));
    }

    [Test]
    public void Cancel_WaitingRequest_FreesItsSlotAtOnce()
    {
        // Arrange
        using var h = new FlowHarness(new FlowControlOptions { MaxRequests = 1, RecheckInterval = NoRecheck });
        h.Submit(id: "busy");
        var waiting = h.Submit();
        var refused = h.Submit();

        // Act
        var cancelled = h.Controller.Cancel(waiting);
        var next = h.Submit();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refused.Outcome, Is.EqualTo(FlowOutcome.RejectedCapacity));
            Assert.That(cancelled, Is.True);
            Assert.That(waiting.Outcome, Is.EqualTo(FlowOutcome.EvictedContextCancelled));
            Assert.That(waiting.Outcome.ToError()!.HttpStatus, Is.EqualTo(503));
            Assert.That(next.Outcome, Is.EqualTo(FlowOutcome.Pending), "the cancelled request's slot is free");
            Assert.That(h.Finalized.Count(i => i == waiting), Is.EqualTo(1));
        });
    }

    [Test]
    public void Cancel_AfterDispatch_ChangesNothing()
    {
        using var h = new FlowHarness();
        var dispatched = h.Submit();

        var cancelled = h.Controller.Cancel(dispatched);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.False);
            Assert.That(dispatched.Outcome, Is.EqualTo(FlowOutcome.Dispatched));
        });
    }

    [Test]
    public async Task EnqueueAndWaitAsync_TokenCancelled_CompletesWithTheDisconnectOutcome()
    {
        // Arrange
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        using var cts = new CancellationTokenSource();
        var waiting = h.Controller.EnqueueAndWaitAsync(FlowRequests.Create(), null, cts.Token);

        // Act
        await cts.CancelAsync();
        var item = await waiting;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(item.Outcome, Is.EqualTo(FlowOutcome.EvictedContextCancelled));
            Assert.That(h.Controller.QueuedCount, Is.Zero);
        });
    }

    [Test]
    public async Task EnqueueAndWaitAsync_DispatchedLater_CompletesWithTheItem()
    {
        // Arrange
        using var h = new FlowHarness();
        h.Submit(id: "busy");
        var waiting = h.Controller.EnqueueAndWaitAsync(FlowRequests.Create(id: "later"), null, CancellationToken.None);

        // Act
        h.FinishOldest();
        var item = await waiting;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(item.Request.RequestId, Is.EqualTo("later"));
            Assert.That(item.Outcome, Is.EqualTo(FlowOutcome.Dispatched));
            Assert.That(h.Controller.ReservedCount, Is.EqualTo(1), "the request path has not placed it yet");
        });
        h.Controller.Placed(item);
        Assert.That(h.Controller.ReservedCount, Is.Zero);
    }

    [Test]
    public void Dispose_QueuedRequests_AreEvictedAndLaterOnesRefused()
    {
        // Arrange
        var h = new FlowHarness();
        h.Submit(id: "busy");
        var waiting = h.Submit();

        // Act
        h.Controller.Dispose();
        var after = h.Submit();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(waiting.Outcome, Is.EqualTo(FlowOutcome.EvictedOther));
            Assert.That(after.Outcome, Is.EqualTo(FlowOutcome.RejectedOther));
            Assert.That(after.Outcome.ToError()!.HttpStatus, Is.EqualTo(500));
        });
        h.Dispose();
    }
}
