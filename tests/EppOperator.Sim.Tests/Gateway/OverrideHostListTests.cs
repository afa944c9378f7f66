using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Tests.Gateway;

public class OverrideHostListTests
{
    private static readonly EndpointPool Pool = EndpointPool.TryParse("10.0.0.1:8000,10.0.0.2:8000,[fd00::1]:8000", out _)!;

    [TestCase("10.0.0.2:8000", new[] { "10.0.0.2:8000" }, 0)]
    [TestCase("10.0.0.2:8000,10.0.0.1:8000", new[] { "10.0.0.2:8000", "10.0.0.1:8000" }, 0)]
    [TestCase(" 10.0.0.2:8000 , [fd00:0::1]:8000 ", new[] { "10.0.0.2:8000", "[fd00::1]:8000" }, 0)]
    [TestCase("203.0.113.7:22,10.0.0.1:8000", new[] { "10.0.0.1:8000" }, 1)]
    [TestCase("10.0.0.1:9999", new string[0], 1)]
    [TestCase("10.0.0.1:8000,10.0.0.1:8000", new[] { "10.0.0.1:8000" }, 0)]
    [TestCase("not-an-address,,", new string[0], 1)]
    [TestCase("", new string[0], 0)]
    public void Select_DestinationValue_KeepsPoolMembersInOrderAndCountsTheRest(string value, string[] expected, int expectedRejected)
    {
        var selected = OverrideHostList.Select(value, Pool, out var rejected);

        Assert.That(selected, Is.EqualTo(expected));
        Assert.That(rejected, Is.EqualTo(expectedRejected));
    }

    [Test]
    public void Select_NoValue_SelectsNothing()
    {
        var selected = OverrideHostList.Select(null, Pool, out var rejected);

        Assert.That(selected, Is.Empty);
        Assert.That(rejected, Is.Zero);
    }
}
