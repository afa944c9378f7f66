using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Grpc.Tests.Protocol;

[TestFixture]
public sealed class GrpcTimeoutTests
{
    // The vectors of grpc-dotnet's TryDecodeTimeout tests, plus the edges of the unit letters.
    [TestCase("1H", 36_000_000_000L, true)]
    [TestCase("1M", 600_000_000L, true)]
    [TestCase("1S", 10_000_000L, true)]
    [TestCase("1m", 10_000L, true)]
    [TestCase("1u", 10L, true)]
    [TestCase("100n", 1L, true)]
    [TestCase("1n", 0L, true)]
    [TestCase("0S", 0L, true)]
    [TestCase("99999999S", 999_999_990_000_000L, true)]
    [TestCase("", 0L, false)]
    [TestCase("5", 0L, false)]
    [TestCase("M", 0L, false)]
    [TestCase("-1S", 0L, false)]
    [TestCase("+1S", 0L, false)]
    [TestCase(" 1S", 0L, false)]
    [TestCase("1s", 0L, false)]
    [TestCase("1.5S", 0L, false)]
    [TestCase("1x", 0L, false)]
    public void TryDecode_VariousUnits_MatchesExpected(string value, long expectedTicks, bool expectedDecoded)
    {
        // Act
        var decoded = GrpcTimeout.TryDecode(value, out var timeout);

        // Assert
        Assert.That(decoded, Is.EqualTo(expectedDecoded));
        Assert.That(timeout, Is.EqualTo(new TimeSpan(expectedTicks)));
    }

    [TestCase(null)]
    [TestCase("0S")]
    [TestCase("1n")]
    [TestCase("bogus")]
    public void ToServerTimeout_AbsentInvalidOrNotPositive_NoDeadline(string? value)
    {
        // Act
        var timeout = GrpcTimeout.ToServerTimeout(value);

        // Assert
        Assert.That(timeout, Is.Null);
    }

    [Test]
    public void ToServerTimeout_HoursBeyondCap_CappedAtMaximumSeconds()
    {
        // Act
        var timeout = GrpcTimeout.ToServerTimeout("99999999H");

        // Assert
        Assert.That(timeout, Is.EqualTo(TimeSpan.FromSeconds(GrpcProtocolConstants.MaxTimeoutSeconds)));
    }

    [TestCase(1L, "100n")]
    [TestCase(999_999L, "99999900n")]
    [TestCase(1_000_000L, "100000u")]
    [TestCase(5_000_000L, "500000u")]
    [TestCase(10_000_000_000L, "1000000m")]
    [TestCase(10_000_000_001L, "1000001m")]
    [TestCase(36_000_000_000_000L, "3600000S")]
    public void Encode_Timeout_FinestUnitWithinEightDigitsRoundedUp(long ticks, string expected)
    {
        // Act
        var encoded = GrpcTimeout.Encode(new TimeSpan(ticks));

        // Assert
        Assert.That(encoded, Is.EqualTo(expected));
    }

    [TestCase(0L)]
    [TestCase(-10_000_000L)]
    public void Encode_NotPositive_OneNanosecond(long ticks)
    {
        // Act
        var encoded = GrpcTimeout.Encode(new TimeSpan(ticks));

        // Assert
        Assert.That(encoded, Is.EqualTo("1n"));
    }

    [TestCase(1L)]
    [TestCase(12_345_678L)]
    [TestCase(10_000_000_001L)]
    [TestCase(864_000_000_000_000L)]
    public void Encode_ThenDecode_NeverShorterThanRequested(long ticks)
    {
        // Act
        var decoded = GrpcTimeout.TryDecode(GrpcTimeout.Encode(new TimeSpan(ticks)), out var timeout);

        // Assert
        Assert.That(decoded, Is.True);
        Assert.That(timeout.Ticks, Is.GreaterThanOrEqualTo(ticks));
    }
}
