using System.Text.Json;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Live;
using EppOperator.Sim.Load;
using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Tests.Live;

public class LiveArtifactsClassesTests
{
    private static PolicyResult Result(int requests, int errors, double meanMs, double p95Ms) =>
        new(new LatencySummary(meanMs, meanMs, p95Ms, p95Ms, p95Ms), LatencySummary.Empty, new ItlSummary(0, 0), 0, 0, requests, errors, 0);

    private static LiveRunRecord Run(string policy, PriorityClassOutcome high, PriorityClassOutcome sheddable) =>
        new(0.8, policy, null, new SortedDictionary<string, int>(StringComparer.Ordinal), 30) { Classes = [high, sheddable] };

    private static LiveWorkloadReport Report(SheddableTraffic? sheddable, params LiveRunRecord[] runs) =>
        new(new WorkloadReport("bursty-chat", "", "live", "p", 4, 42, 50, 50, 50, 0.8, 40, [], []), 1, 0.25, "tls", runs) { Sheddable = sheddable };

    private static LiveWorkloadReport ThreePolicies() => Report(
        new SheddableTraffic("sheddable", 0.25),
        Run("round-robin", new(PriorityClassOutcome.PriorityClass, Result(300, 0, 60, 200), 0), new(PriorityClassOutcome.SheddableClass, Result(100, 0, 60, 200), 0)),
        Run("epp", new(PriorityClassOutcome.PriorityClass, Result(300, 0, 55, 180), 0), new(PriorityClassOutcome.SheddableClass, Result(100, 0, 55, 180), 0)),
        Run("epp+fc", new(PriorityClassOutcome.PriorityClass, Result(300, 0, 40, 100), 0), new(PriorityClassOutcome.SheddableClass, Result(100, 7, 90, 500), 5)));

    [TestCase("| 0.8 | priority>=0 | round-robin | 300 | 300 | 0 | 0 | 60.0 | 200.0 | – |")]
    [TestCase("| 0.8 | priority>=0 | epp | 300 | 300 | 0 | 0 | 55.0 | 180.0 | -10.0% |")]
    [TestCase("| 0.8 | priority>=0 | epp+fc | 300 | 300 | 0 | 0 | 40.0 | 100.0 | -50.0% |")]
    [TestCase("| 0.8 | sheddable | epp+fc | 100 | 93 | 5 | 2 | 90.0 | 500.0 | +150.0% |")]
    public void Classes_ThreePolicies_EachClassAgainstRoundRobinsSameClass(string row)
    {
        // Act
        var markdown = LiveArtifacts.Classes(ThreePolicies());

        // Assert
        Assert.That(markdown, Does.Contain(row + "\n"));
        Assert.That(markdown, Does.Contain("`sheddable` (25.0 % of the measured requests)"));
    }

    [Test]
    public void Classes_NothingMarkedSheddable_NoSection()
    {
        // Arrange
        var report = Report(null, new LiveRunRecord(0.8, "epp", null, new SortedDictionary<string, int>(StringComparer.Ordinal), 30));

        // Act
        var markdown = LiveArtifacts.Classes(report);

        // Assert
        Assert.That(markdown, Is.Empty);
    }

    [Test]
    public void ToJson_MarkedRun_CarriesTheMarkingAndEachRunsClasses()
    {
        // Act
        using var json = JsonDocument.Parse(ThreePolicies().ToJson());

        // Assert
        var root = json.RootElement;
        Assert.That(root.GetProperty("sheddable").GetProperty("objective").GetString(), Is.EqualTo("sheddable"));
        Assert.That(root.GetProperty("sheddable").GetProperty("share").GetDouble(), Is.EqualTo(0.25));
        var fc = root.GetProperty("runs")[2].GetProperty("classes");
        Assert.That(fc.EnumerateArray().Select(c => c.GetProperty("class").GetString()), Is.EqualTo(new[] { "priority>=0", "sheddable" }));
        Assert.That(fc[1].GetProperty("refused").GetInt32(), Is.EqualTo(5));
        Assert.That(fc[1].GetProperty("result").GetProperty("ttft_ms").GetProperty("p95").GetDouble(), Is.EqualTo(500));
    }
}
