using EppOperator.Sim.Engine;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Workloads;

public class WorkloadCatalogTests
{
    [TestCase("context-heavy")]
    [TestCase("bursty-chat")]
    [TestCase("high-cache")]
    public void TryResolve_BuiltInName_LoadsAValidDefinitionWithAKnownProfile(string name)
    {
        var definition = WorkloadCatalog.TryResolve(name, out var error);

        Assert.That(error, Is.Null);
        Assert.That(definition!.Name, Is.EqualTo(name));
        Assert.That(EngineProfiles.Find(definition.Profile), Is.Not.Null);
        Assert.That(definition.Loads, Does.Contain(definition.HeadlineLoad));
    }

    [Test]
    public void TryResolve_HighCache_HasTheReferenceBenchmarkShape()
    {
        var definition = WorkloadCatalog.TryResolve("high-cache", out _)!;

        Assert.That((definition.Groups, definition.UsersPerGroup), Is.EqualTo((150, 5)));
        Assert.That((definition.SystemTokens.Mean, definition.QuestionTokens.Mean, definition.OutputTokens.Mean), Is.EqualTo((6000.0, 1200.0, 1000.0)));
    }

    [Test]
    public void Parse_UnknownKey_FailsNamingTheLine()
    {
        const string Yaml = "name: x\ngroups: 3\nbogusKey: 1\n";

        var ex = Assert.Throws<WorkloadFormatException>(() => WorkloadCatalog.Parse(Yaml, "mine.yaml"));

        Assert.That(ex!.Message, Does.StartWith("mine.yaml: line 3:"));
    }

    [TestCase("name: x\napi: grpc\n", "api must be chat or completions")]
    [TestCase("name: x\narrival: { type: bursty, onSeconds: 2, offSeconds: 2, peakFactor: 5 }\n", "peakFactor")]
    [TestCase("name: x\noutputTokens: { mean: 10, min: 20, max: 5 }\n", "outputTokens")]
    [TestCase("groups: 2\n", "name is required")]
    public void Parse_InvalidValue_FailsWithTheProblem(string yaml, string expected)
    {
        var ex = Assert.Throws<WorkloadFormatException>(() => WorkloadCatalog.Parse(yaml, "w.yaml"));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void TryResolve_NeitherBuiltInNorFile_SaysWhatIsKnown()
    {
        var definition = WorkloadCatalog.TryResolve("no-such-workload", out var error);

        Assert.That(definition, Is.Null);
        Assert.That(error, Does.Contain("context-heavy"));
    }
}
