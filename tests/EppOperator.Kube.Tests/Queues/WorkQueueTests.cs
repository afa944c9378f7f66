using EppOperator.Kube.Queues;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.Queues;

public class WorkQueueTests
{
    [Test]
    public async Task Add_SameKeyTwice_QueuedOnce()
    {
        // Arrange
        using var queue = new WorkQueue<string>(new ManualTimeProvider());

        // Act
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        var first = await queue.TakeAsync(CancellationToken.None);

        // Assert
        Assert.That((first, queue.Count), Is.EqualTo(("a", 1)));
    }

    [Test]
    public async Task Add_WhileKeyInProcess_RequeuedOnlyAfterDone()
    {
        // Arrange
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);

        // Act
        queue.Add("a");
        var countWhileProcessing = queue.Count;
        queue.Done(key);

        // Assert
        Assert.That(countWhileProcessing, Is.Zero, "a key is never handed to two workers at once");
        Assert.That(queue.Count, Is.EqualTo(1));
    }

    [Test]
    public void AddAfter_TwiceForOneKey_NewestDelayWins()
    {
        // Arrange
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        // Act
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(5));
        var afterFive = queue.Count;
        time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        Assert.That(afterFive, Is.Zero);
        Assert.That(queue.Count, Is.EqualTo(1));
    }

    [Test]
    public void Add_WithPendingDelayedAdd_CancelsTheTimer()
    {
        // Arrange
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        // Act
        queue.Add("a");

        // Assert
        Assert.That((queue.Count, queue.DelayedCount), Is.EqualTo((1, 0)));
    }

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(5, 80)]
    [TestCase(30, 1_000_000)]
    public void AddRateLimited_ConsecutiveFailures_DoublesUpToTheCap(int failures, int expectedMs)
    {
        // Arrange
        using var queue = new WorkQueue<string>(new ManualTimeProvider(), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        // Act
        var delay = TimeSpan.Zero;
        for (var i = 0; i < failures; i++) delay = queue.AddRateLimited("a");

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    public void Forget_AfterFailures_ResetsTheBackoff()
    {
        // Arrange
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");

        // Act
        queue.Forget("a");
        var delay = queue.AddRateLimited("a");

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromMilliseconds(5)));
    }

    [Test]
    public async Task Clear_DropsQueuedAndDelayedKeys()
    {
        // Arrange
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.Add("a");
        queue.AddAfter("b", TimeSpan.FromSeconds(1));

        // Act
        queue.Clear();
        time.Advance(TimeSpan.FromSeconds(2));
        queue.Add("c");
        var next = await queue.TakeAsync(CancellationToken.None);

        // Assert
        Assert.That((next, queue.Count, queue.DelayedCount), Is.EqualTo(("c", 0, 0)));
    }

    [Test]
    public void TakeAsync_Cancelled_Throws()
    {
        // Arrange
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        // Act / Assert
        Assert.That(async () => await queue.TakeAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
