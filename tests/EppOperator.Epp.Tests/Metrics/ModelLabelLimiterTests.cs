using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class ModelLabelLimiterTests
{
    [Test]
    public void Label_BeyondCapacity_NewNamesBecomeOtherKnownNamesStay()
    {
        // Arrange
        var limiter = new ModelLabelLimiter(2);

        // Act
        var labels = new[] { "a", "b", "c", "a", "d", "b" }.Select(limiter.Label).ToList();

        // Assert
        Assert.That(labels, Is.EqualTo(new[] { "a", "b", "other", "a", "other", "b" }));
    }

    [Test]
    public void Label_ConcurrentDistinctNames_NeverAdmitsMoreThanCapacity()
    {
        var limiter = new ModelLabelLimiter(50);

        var labels = Enumerable.Range(0, 1000).AsParallel().Select(i => limiter.Label("m" + i)).ToList();

        Assert.That(labels.Where(l => l != ModelLabelLimiter.Overflow).Distinct().Count(), Is.EqualTo(50));
    }
}
