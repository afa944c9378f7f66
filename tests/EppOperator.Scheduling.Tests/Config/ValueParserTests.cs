using EppOperator.Epp.Config;

namespace EppOperator.Scheduling.Tests.Config;

public sealed class ValueParserTests
{
    [TestCase("200ms", 200_0000L)]
    [TestCase("2s", 2_000_0000L)]
    [TestCase("30s", 30_000_0000L)]
    [TestCase("1m30s", 90_000_0000L)]
    [TestCase("1.5h", 54_000_000_000L)]
    [TestCase("0", 0L)]
    [TestCase("500us", 5_000L)]
    [TestCase("250µs", 2_500L)]
    public void GoDuration_ValidText_Parses(string text, long ticks)
    {
        var ok = GoDuration.TryParse(text, out var duration);

        Assert.That(ok, Is.True);
        Assert.That(duration.Ticks, Is.EqualTo(ticks));
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("10")]
    [TestCase("5 minutes")]
    [TestCase("s")]
    [TestCase("1d")]
    [TestCase("10x")]
    [TestCase("-5s")]
    public void GoDuration_InvalidText_Rejected(string? text)
    {
        Assert.That(GoDuration.TryParse(text, out _), Is.False);
    }

    [TestCase("10Gi", 10L * 1024 * 1024 * 1024)]
    [TestCase("512Mi", 512L * 1024 * 1024)]
    [TestCase("500M", 500_000_000L)]
    [TestCase("1k", 1_000L)]
    [TestCase("1024", 1_024L)]
    [TestCase("1e3", 1_000L)]
    [TestCase("1.5Ki", 1_536L)]
    [TestCase("0.5", 1L)]
    public void ResourceQuantity_ValidText_Bytes(string text, long expected)
    {
        var ok = ResourceQuantity.TryParseBytes(text, out var bytes);

        Assert.That(ok, Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("Gi")]
    [TestCase("10GB")]
    [TestCase("-1")]
    [TestCase("ten")]
    public void ResourceQuantity_InvalidText_Rejected(string text)
    {
        Assert.That(ResourceQuantity.TryParseBytes(text, out _), Is.False);
    }
}
