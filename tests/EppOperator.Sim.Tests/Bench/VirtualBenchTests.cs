using System.Text.Json;
using System.Xml.Linq;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Bench;

public class VirtualBenchTests
{
    private static readonly BenchOptions Small = new() { Pods = 4, Seed = 11, Loads = [0.8], DurationScale = 0.25 };

    private static WorkloadResult RunContextHeavy(BenchOptions options) =>
        new VirtualBench(options, _ => { }).Run(WorkloadCatalog.TryResolve("context-heavy", out _)!, PolicyCatalog.All);

    [Test]
    public void Run_SameSeedTwice_WritesByteIdenticalJson()
    {
        var first = ReportJson.Serialize(RunContextHeavy(Small).Report);
        var second = ReportJson.Serialize(RunContextHeavy(Small with { Parallelism = 1 }).Report);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Run_AnotherSeed_ChangesTheResult()
    {
        var first = ReportJson.Serialize(RunContextHeavy(Small).Report);
        var other = ReportJson.Serialize(RunContextHeavy(Small with { Seed = 12 }).Report);

        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Run_ContextHeavy_JsonHasTheReportShapeForEveryPolicy()
    {
        var json = ReportJson.Serialize(RunContextHeavy(Small).Report);

        using var document = JsonDocument.Parse(json);
        var policies = document.RootElement.GetProperty("policies");
        Assert.That(policies.EnumerateObject().Select(p => p.Name), Is.EqualTo(PolicyCatalog.Names));
        foreach (var policy in policies.EnumerateObject())
        {
            var r = policy.Value;
            foreach (var latency in new[] { "ttft_ms", "e2e_ms" })
            {
                Assert.That(r.GetProperty(latency).EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "mean", "p50", "p90", "p95", "p99" }));
            }

            Assert.That(r.GetProperty("itl_ms").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "mean", "p95" }));
            Assert.That(r.GetProperty("prefix_hit_rate").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(r.GetProperty("output_tokens_per_s").GetDouble(), Is.Positive);
            Assert.That(r.GetProperty("requests").GetInt32(), Is.Positive);
            Assert.That(r.GetProperty("errors").GetInt32(), Is.Zero);
        }
    }

    [TestCase("oracle")]
    [TestCase("epp")]
    [TestCase("epp-gaie-default")]
    public void Run_ContextHeavy_PrefixAwarePolicyKeepsContextsCachedWhereRoundRobinCannot(string policy)
    {
        var policies = RunContextHeavy(Small).Report.Policies;

        Assert.That(policies[policy].PrefixHitRate, Is.GreaterThan(policies["round-robin"].PrefixHitRate + 0.2));
        Assert.That(policies[policy].TtftMs.Mean, Is.LessThan(policies["round-robin"].TtftMs.Mean));
    }

    [Test]
    public void Write_Result_WritesJsonMarkdownAndWellFormedSvgCharts()
    {
        var directory = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "eppsim-bench-" + Guid.NewGuid().ToString("N")));
        try
        {
            var paths = BenchArtifacts.Write(directory, RunContextHeavy(Small));

            Assert.That(paths.Select(Path.GetFileName), Is.EquivalentTo(new[]
            {
                "context-heavy.json", "context-heavy.md", "context-heavy-ttft-cdf.svg", "context-heavy-p95-vs-load.svg",
            }));
            foreach (var svg in paths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
            {
                var root = XDocument.Load(svg).Root!;
                Assert.That(root.Name.LocalName, Is.EqualTo("svg"));
                Assert.That(root.Descendants().Count(e => e.Name.LocalName == "polyline"), Is.EqualTo(PolicyCatalog.All.Count));
            }

            var markdown = File.ReadAllText(Path.Combine(directory.FullName, "context-heavy.md"));
            Assert.That(markdown, Does.Contain("| oracle |"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
