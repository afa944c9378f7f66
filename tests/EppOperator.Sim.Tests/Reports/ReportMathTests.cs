using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Tests.Reports;

public class ReportMathTests
{
    [TestCase(0, 1.0)]
    [TestCase(50, 3.0)]
    [TestCase(90, 4.6)]
    [TestCase(100, 5.0)]
    public void Percentile_FiveValues_InterpolatesLinearlyBetweenRanks(double percentile, double expected) =>
        Assert.That(LatencySummary.Percentile([1, 2, 3, 4, 5], percentile), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void FromSorted_Values_GivesMeanAndPercentiles()
    {
        var summary = LatencySummary.FromSorted([10, 20, 30, 40]);

        Assert.That(summary, Is.EqualTo(new LatencySummary(25, 25, 37, 38.5, 39.7)));
    }

    [Test]
    public void LogHistogram_ManyValues_PercentileWithinHalfAPercent()
    {
        var histogram = new LogHistogram();
        for (var i = 1; i <= 10_000; i++) histogram.Record(i / 10.0);

        Assert.That(histogram.Percentile(95), Is.EqualTo(950).Within(950 * 0.005));
        Assert.That(histogram.Mean, Is.EqualTo(500.05).Within(1e-9));
    }

    [Test]
    public void ToResult_CompletedAndFailedRequests_CountsHitRateThroughputAndErrors()
    {
        var stats = new RunStatistics();
        stats.RecordCompleted(arrivalMs: 0, ttftMs: 100, e2eMs: 1000, promptTokens: 100, cachedTokens: 80, outputTokens: 10);
        stats.RecordCompleted(arrivalMs: 1000, ttftMs: 300, e2eMs: 1000, promptTokens: 100, cachedTokens: 0, outputTokens: 30);
        stats.RecordError(arrivalMs: 500);

        var result = stats.ToResult(preemptions: 2);

        Assert.That(result.PrefixHitRate, Is.EqualTo(0.4));
        Assert.That(result.OutputTokensPerS, Is.EqualTo(20), "40 tokens between the first arrival and the last completion, 2 s apart");
        Assert.That((result.Requests, result.Errors, result.Preemptions), Is.EqualTo((3, 1, 2L)));
        Assert.That(result.TtftMs.Mean, Is.EqualTo(200));
    }
}
