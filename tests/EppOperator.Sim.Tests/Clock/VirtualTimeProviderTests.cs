using EppOperator.Sim.Clock;

namespace EppOperator.Sim.Tests.Clock;

public class VirtualTimeProviderTests
{
    [Test]
    public void RunUntil_TimersDueInAnyOrder_FireByDueTimeThenCreationOrder()
    {
        var time = new VirtualTimeProvider();
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        using var tieA = time.CreateTimer(_ => fired.Add("tieA"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        using var tieB = time.CreateTimer(_ => fired.Add("tieB"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        time.RunUntil(TimeSpan.FromMilliseconds(100).Ticks);

        Assert.That(fired, Is.EqualTo(new[] { "tieA", "tieB", "late" }));
        Assert.That(time.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void Change_RearmedTimer_FiresOnlyAtTheNewTime()
    {
        var time = new VirtualTimeProvider();
        var firedAt = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => firedAt.Add(time.Elapsed), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromMilliseconds(25), Timeout.InfiniteTimeSpan);
        time.RunUntil(TimeSpan.FromSeconds(1).Ticks);

        Assert.That(firedAt, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(25) }));
    }

    [Test]
    public void CreateTimer_Periodic_FiresEveryPeriodUntilDisposed()
    {
        var time = new VirtualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));

        time.RunUntil(TimeSpan.FromMilliseconds(220).Ticks);
        timer.Dispose();
        time.RunUntil(TimeSpan.FromSeconds(1).Ticks);

        Assert.That(count, Is.EqualTo(4));
    }

    [Test]
    public void GetUtcNow_AfterRunning_IsEpochPlusVirtualElapsed()
    {
        var time = new VirtualTimeProvider();

        time.RunUntil(TimeSpan.FromSeconds(3).Ticks);

        Assert.That(time.GetUtcNow(), Is.EqualTo(VirtualTimeProvider.Epoch.AddSeconds(3)));
        Assert.That(time.GetElapsedTime(0, time.GetTimestamp()), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }
}
