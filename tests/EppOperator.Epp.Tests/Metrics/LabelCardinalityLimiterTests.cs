using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class LabelCardinalityLimiterTests
{
    [Test]
    public void Limit_MoreDistinctValuesThanTheCap_ReturnsOtherForNewOnesOnly()
    {
        // Arrange
        var limiter = new LabelCardinalityLimiter("model_name", maxValues: 3);

        // Act
        var results = new[] { "a", "b", "a", "c", "d", "e", "b" }.Select(limiter.Limit).ToArray();

        // Assert
        Assert.That(results, Is.EqualTo(new[] { "a", "b", "a", "c", "other", "other", "b" }));
        Assert.That(limiter.Count, Is.EqualTo(3));
    }

    [Test]
    public void Limit_TenThousandNamesFromUsers_StaysWithinTheDefaultCap()
    {
        // Arrange
        var limiter = new LabelCardinalityLimiter("model_name");

        // Act
        var distinct = Enumerable.Range(0, 10_000).Select(i => limiter.Limit($"model-{i}")).Distinct().Count();

        // Assert
        Assert.That(distinct, Is.EqualTo(LabelCardinalityLimiter.DefaultMaxValues + 1));
    }

    [Test]
    public void Limit_OverlongValue_ReturnsOtherWithoutTakingASlot()
    {
        // Arrange
        var limiter = new LabelCardinalityLimiter("model_name", maxValueLength: 8);

        // Act
        var result = limiter.Limit("a-very-long-model-name");

        // Assert
        Assert.That(result, Is.EqualTo("other"));
        Assert.That(limiter.Count, Is.Zero);
    }

    [Test]
    public void Limit_SpanOfKnownValue_ReturnsTheStoredString()
    {
        // Arrange
        var limiter = new LabelCardinalityLimiter("model_name");
        var stored = limiter.Limit("llama");

        // Act
        var fromSpan = limiter.Limit("{\"model\":\"llama\"}".AsSpan(10, 5));

        // Assert
        Assert.That(fromSpan, Is.SameAs(stored));
    }

    [Test]
    public void Limit_ConcurrentCallers_NeverAdmitMoreThanTheCap()
    {
        // Arrange
        var limiter = new LabelCardinalityLimiter("model_name", maxValues: 50);

        // Act
        Parallel.For(0, 5_000, i => limiter.Limit($"m{i}"));

        // Assert
        Assert.That(limiter.Count, Is.EqualTo(50));
    }
}
