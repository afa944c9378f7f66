using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Tests.Gateway;

public class EndpointPoolTests
{
    [TestCase("10.0.0.1:8000", new[] { "10.0.0.1:8000" })]
    [TestCase(" 10.0.0.1:8000 , 10.0.0.2:8001 ", new[] { "10.0.0.1:8000", "10.0.0.2:8001" })]
    [TestCase("[fd00::1]:8000,10.0.0.1:80", new[] { "[fd00::1]:8000", "10.0.0.1:80" })]
    [TestCase("[FD00:0:0::1]:8000", new[] { "[fd00::1]:8000" })]
    public void TryParse_ValidList_KeepsOrderInCanonicalForm(string text, string[] expected)
    {
        var pool = EndpointPool.TryParse(text, out var error);

        Assert.That(error, Is.Null);
        Assert.That(pool!.Endpoints, Is.EqualTo(expected));
    }

    [TestCase("", "empty")]
    [TestCase("10.0.0.1", "not ip:port")]
    [TestCase("10.0.0.1:0", "not ip:port")]
    [TestCase("fd00::1", "not ip:port")]
    [TestCase("pod-a:8000", "not ip:port")]
    [TestCase("10.0.0.1:8000,10.0.0.1:8000", "listed twice")]
    public void TryParse_BadList_ExplainsWhy(string text, string reason)
    {
        var pool = EndpointPool.TryParse(text, out var error);

        Assert.That(pool, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase("10.0.0.1:8000", "10.0.0.1:8000")]
    [TestCase("[fd00:0::1]:8000", "[fd00::1]:8000")]
    [TestCase("10.0.0.1:8001", null)]
    [TestCase("10.0.0.9:8000", null)]
    [TestCase("10.0.0.1", null)]
    [TestCase("evil.example:8000", null)]
    public void Find_Entry_ReturnsThePoolSpellingOnlyForMembers(string entry, string? expected)
    {
        var pool = EndpointPool.TryParse("10.0.0.1:8000,[fd00::1]:8000", out _)!;

        Assert.That(pool.Find(entry), Is.EqualTo(expected));
    }

    [Test]
    public void NextRoundRobin_Repeated_CyclesThroughEveryEndpointInTurn()
    {
        var pool = EndpointPool.TryParse("10.0.0.1:1,10.0.0.2:1,10.0.0.3:1", out _)!;

        var picks = Enumerable.Range(0, 6).Select(_ => pool.NextRoundRobin()).ToList();

        Assert.That(picks, Is.EqualTo(new[] { "10.0.0.1:1", "10.0.0.2:1", "10.0.0.3:1", "10.0.0.1:1", "10.0.0.2:1", "10.0.0.3:1" }));
    }

    [Test]
    public void NextRoundRobin_WithExclusions_SkipsThemAndReturnsNullWhenNoneIsLeft()
    {
        var pool = EndpointPool.TryParse("10.0.0.1:1,10.0.0.2:1", out _)!;

        var other = pool.NextRoundRobin(["10.0.0.1:1"]);
        var none = pool.NextRoundRobin(["10.0.0.1:1", "10.0.0.2:1"]);

        Assert.That(other, Is.EqualTo("10.0.0.2:1"));
        Assert.That(none, Is.Null);
    }
}
