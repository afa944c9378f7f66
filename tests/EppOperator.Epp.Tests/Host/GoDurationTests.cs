using EppOperator.Epp.Host;

namespace EppOperator.Epp.Tests.Host;

[TestFixture]
public sealed class GoDurationTests
{
    [TestCase("30s", 30_000.0)]
    [TestCase("1m30s", 90_000.0)]
    [TestCase("500ms", 500.0)]
    [TestCase("1.5h", 5_400_000.0)]
    [TestCase("250us", 0.25)]
    [TestCase("0", 0.0)]
    public void TryParse_GoSyntax_Milliseconds(string text, double expectedMs)
    {
        Assert.That(GoDuration.TryParse(text, out var duration), Is.True);
        Assert.That(duration.TotalMilliseconds, Is.EqualTo(expectedMs).Within(1e-9));
    }

    [TestCase("")]
    [TestCase("30")]
    [TestCase("s")]
    [TestCase("10x")]
    [TestCase("-5s")]
    [TestCase(null)]
    public void TryParse_Invalid_False(string? text) => Assert.That(GoDuration.TryParse(text, out _), Is.False);
}
