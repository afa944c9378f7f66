using EppOperator.Epp.Config;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Requests.Manifests;
using EppOperator.Sim.Live;

namespace EppOperator.Sim.Tests.Live;

public class LiveFlowControlTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("eppsim-fc-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static string ValueOf(IReadOnlyList<string> arguments, string flag)
    {
        var index = arguments.ToList().IndexOf(flag);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"{flag} is passed");
        return arguments[index + 1];
    }

    [Test]
    public void EppArguments_ConfigText_TurnsOnFlowControlAsTheEppBuildsIt()
    {
        // Act
        var arguments = LiveFlowControl.EppArguments(_directory, "sheddable");

        // Assert
        var parsed = EndpointPickerConfigParser.Parse(ValueOf(arguments, "--config-text"));
        Assert.That(parsed.Succeeded, Is.True, parsed.Diagnostics.Describe());
        Assert.That(parsed.Config!.HasFeatureGate("flowControl"), Is.True);
        var diagnostics = new ConfigDiagnostics();
        var setup = FlowControlFactory.Build(parsed.Config, TimeProvider.System, diagnostics);
        Assert.That(diagnostics.HasErrors, Is.False, diagnostics.Describe());
        Assert.That(setup.FlowControl, Is.Not.Null, "requests go through the flow controller");
    }

    [TestCase("sheddable")]
    [TestCase("batch-jobs")]
    public void EppArguments_ResourcesFile_GivesTheObjectivePriorityMinusOne(string objective)
    {
        // Act
        var arguments = LiveFlowControl.EppArguments(_directory, objective);

        // Assert
        var path = ValueOf(arguments, "--inference-resources-file");
        Assert.That(Path.GetDirectoryName(path), Is.EqualTo(_directory), "written beside the run's logs");
        var set = InferenceManifestReader.Read(File.ReadAllText(path), poolName: null);
        Assert.That(set.IsValid, Is.True, string.Join("; ", set.Errors));
        Assert.That(set.Warnings, Is.Empty);
        Assert.That(set.Objectives.Select(o => (o.Name, o.Priority)), Is.EqualTo(new[] { (objective, (int?)LiveFlowControl.SheddablePriority) }));
    }
}
