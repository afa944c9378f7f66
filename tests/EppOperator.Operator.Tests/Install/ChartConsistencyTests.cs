using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Install;
using EppOperator.Operator.Serialization;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Install;

/// <summary>
/// The Helm chart and <c>epp-operator manifests</c> describe the same installation: the chart's templates are
/// rendered in-process (a subset of Go templates; no helm binary here) and compared object by object, for the
/// defaults and for a set of overrides. The chart leaves the namespace to <c>helm --create-namespace</c>.
/// </summary>
public class ChartConsistencyTests
{
    [Test]
    public void Chart_DefaultValues_RendersWhatManifestsPrints()
    {
        // Arrange
        var chart = new ChartRenderer(RepoPaths.Chart, ChartRenderer.DefaultValues(RepoPaths.Chart), "epp-operator-system");

        // Act
        var rendered = chart.RenderObjects();
        var printed = InstallManifestBuilder.Build(new InstallOptions()).Where(o => o.Kind != "Namespace").Select(KubeObjectJson.ToNode).ToList();

        // Assert
        AssertSameObjects(rendered, printed);
    }

    [Test]
    public void Chart_Overrides_RendersWhatManifestsPrintsForTheSameChoices()
    {
        // Arrange
        var values = ChartRenderer.DefaultValues(RepoPaths.Chart);
        values["replicas"] = 2;
        values["dataPlane"] = "envoy";
        values["secureServing"] = false;
        values["istio"]!["enabled"] = false;
        values["crds"]!["install"] = false;
        values["image"]!["tag"] = "v9.9.9";
        var chart = new ChartRenderer(RepoPaths.Chart, values, "inference-system");

        // Act
        var rendered = chart.RenderObjects();
        var printed = InstallManifestBuilder.Build(new InstallOptions
        {
            Namespace = "inference-system",
            Replicas = 2,
            DataPlane = DataPlane.Envoy,
            SecureServing = false,
            Istio = false,
            Crds = false,
            Image = "eppoperator/epp-operator:v9.9.9",
        }).Where(o => o.Kind != "Namespace").Select(KubeObjectJson.ToNode).ToList();

        // Assert
        AssertSameObjects(rendered, printed);
        Assert.That(rendered.Select(o => o["kind"]!.GetValue<string>()), Has.None.EqualTo("CustomResourceDefinition"));
    }

    [Test]
    public void Chart_Notes_NameTheNextCommands()
    {
        // Act
        var notes = new ChartRenderer(RepoPaths.Chart, ChartRenderer.DefaultValues(RepoPaths.Chart), "epp-operator-system").Render(File.ReadAllText(Path.Combine(RepoPaths.Chart, "templates", "NOTES.txt")));

        // Assert
        Assert.That(notes, Does.Contain("kubectl -n epp-operator-system rollout status deployment/epp-operator").And.Contain("v0.1.0"));
    }

    [Test]
    public void ChartCrds_LinkToTheCommittedCrds()
    {
        // Act
        var linked = Directory.GetFiles(Path.Combine(RepoPaths.Chart, "files", "crds"), "*.yaml").Select(f => File.ReadAllText(f)).Order(StringComparer.Ordinal);
        var committed = Directory.GetFiles(RepoPaths.Crds, "*.yaml").Select(f => File.ReadAllText(f)).Order(StringComparer.Ordinal);

        // Assert
        Assert.That(linked, Is.EqualTo(committed));
    }

    private static void AssertSameObjects(IReadOnlyList<JsonNode> rendered, IReadOnlyList<JsonObject> printed)
    {
        static string Key(JsonNode o) => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}";
        Assert.That(rendered.Select(Key), Is.EquivalentTo(printed.Select(Key)));
        foreach (var expected in printed)
        {
            var actual = rendered.Single(r => Key(r) == Key(expected));
            Assert.That(JsonNode.DeepEquals(actual, expected), Is.True, $"{Key(expected)} differs:\nchart:     {actual.ToJsonString()}\nmanifests: {expected.ToJsonString()}");
        }
    }
}
