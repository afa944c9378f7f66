using System.Text.Json.Nodes;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Crds;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Crds;

public class CrdGenerationTests
{
    [Test]
    public void CommittedCrds_EqualTheGeneratedOnes()
    {
        // Arrange
        var generated = CrdGenerator.AllYaml();

        // Act
        var committed = Directory.GetFiles(RepoPaths.Crds, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // Assert
        Assert.That(committed.Keys, Is.EquivalentTo(generated.Keys), "crds/ must hold exactly the generated files");
        foreach (var (file, yaml) in generated)
        {
            Assert.That(committed[file], Is.EqualTo(yaml), $"crds/{file} is stale: run `epp-operator crds -o crds`");
        }
    }

    [Test]
    public void GeneratedYaml_ReadsBackAsTheGeneratedObject()
    {
        foreach (var definition in CrdCatalog.All)
        {
            // Act
            var parsed = YamlJson.Parse(CrdGenerator.ToYaml(definition));

            // Assert
            Assert.That(JsonNode.DeepEquals(parsed, CrdGenerator.ToNode(CrdGenerator.Generate(definition))), Is.True, definition.Name);
        }
    }

    [TestCase("inference.networking.k8s.io_inferencepools.yaml", "spec.targetPorts", "self.all(p1, self.exists_one(p2, p1.number==p2.number))")]
    [TestCase("inference.networking.k8s.io_inferencepools.yaml", "spec.endpointPickerRef", "self.kind != 'Service' || has(self.port)")]
    [TestCase("inference.networking.x-k8s.io_inferencemodels.yaml", "spec.modelName", "self == oldSelf")]
    [TestCase("inference.networking.x-k8s.io_inferencemodels.yaml", "spec.targetModels", "self.all(model, has(model.weight)) || self.all(model, !has(model.weight))")]
    public void Crd_UpstreamCelRule_IsPresent(string file, string path, string rule)
    {
        // Act
        var schema = Schema(file);
        var node = path.Split('.').Aggregate((JsonNode?)schema, (n, p) => n?["properties"]?[p]);

        // Assert
        Assert.That(node?["x-kubernetes-validations"]?.AsArray().Select(v => v?["rule"]?.GetValue<string>()), Does.Contain(rule));
    }

    [TestCase("inference.networking.k8s.io_inferencepools.yaml", "spec.endpointPickerRef.failureMode", "FailClose")]
    [TestCase("inference.networking.k8s.io_inferencepools.yaml", "spec.appProtocol", "http")]
    [TestCase("inference.networking.x-k8s.io_inferencepools.yaml", "spec.extensionRef.kind", "Service")]
    [TestCase("inference.networking.x-k8s.io_inferencemodels.yaml", "spec.poolRef.group", "inference.networking.x-k8s.io")]
    [TestCase("inference.networking.x-k8s.io_inferenceobjectives.yaml", "spec.poolRef.group", "inference.networking.k8s.io")]
    [TestCase("inference.networking.x-k8s.io_inferencemodelrewrites.yaml", "spec.rules.matches.model.type", "Exact")]
    public void Crd_UpstreamDefault_IsPresent(string file, string path, string expected)
    {
        // Act
        JsonNode? node = Schema(file);
        foreach (var part in path.Split('.')) node = node?["properties"]?[part] is { } child ? child : node?["items"]?["properties"]?[part];

        // Assert
        Assert.That(node?["default"]?.GetValue<string>(), Is.EqualTo(expected));
    }

    [Test]
    public void Crds_EveryKind_HasStatusSubresourceAndPrinterColumns()
    {
        foreach (var file in CrdGenerator.AllYaml().Keys)
        {
            // Act
            var version = Version(file);

            // Assert
            Assert.That(version["subresources"]?["status"], Is.Not.Null, file);
            Assert.That(version["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Does.Contain("Age"), file);
        }

        Assert.That(Version("inference.networking.k8s.io_inferencepools.yaml")["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.SupersetOf(new[] { "Endpoint Picker", "Accepted" }));
    }

    private static JsonObject Version(string file) => YamlJson.Parse(CrdGenerator.AllYaml()[file])!["spec"]!["versions"]![0]!.AsObject();

    private static JsonObject Schema(string file) => Version(file)["schema"]!["openAPIV3Schema"]!.AsObject();
}
