using System.Text.Json.Nodes;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Yaml;

namespace EppOperator.Operator.Tests.Yaml;

public class YamlEmitterTests
{
    [TestCase("plain", "plain")]
    [TestCase("true", "\"true\"")]
    [TestCase("yes", "\"yes\"")]
    [TestCase("on", "\"on\"")]
    [TestCase("~", "\"~\"")]
    [TestCase("", "\"\"")]
    [TestCase("1.5", "\"1.5\"")]
    [TestCase("0x1F", "\"0x1F\"")]
    [TestCase("--pool-name", "\"--pool-name\"")]
    [TestCase("@type", "\"@type\"")]
    [TestCase("a: b", "\"a: b\"")]
    [TestCase("%UPSTREAM_HOST%", "\"%UPSTREAM_HOST%\"")]
    [TestCase("*", "\"*\"")]
    [TestCase("kubernetes.io/h2c", "kubernetes.io/h2c")]
    [TestCase("tab\there", "\"tab\\there\"")]
    public void Scalar_AmbiguousStrings_AreQuoted(string value, string expected)
    {
        // Act
        var text = YamlEmitter.Scalar(value);

        // Assert
        Assert.That(text, Is.EqualTo(expected));
        Assert.That(YamlJson.Parse("k: " + text)!["k"]!.GetValue<string>(), Is.EqualTo(value), "reads back as the same string");
    }

    [Test]
    public void Emit_NestedObjectsListsAndMultilineStrings_RoundTrips()
    {
        // Arrange
        var node = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "x", ["labels"] = new JsonObject { ["a"] = "1" } },
            ["list"] = new JsonArray(new JsonObject { ["a"] = 1, ["b"] = new JsonArray("x", "y") }, new JsonArray(1, 2), "s", true, null),
            ["empty"] = new JsonObject(),
            ["none"] = new JsonArray(),
            ["text"] = "line one\n  indented\n\nlast\n",
            ["noNewline"] = "a\nb",
            ["trailing"] = "a\n\n\n",
            ["number"] = 1.25,
        };

        // Act
        var yaml = YamlEmitter.Emit(node);

        // Assert
        Assert.That(JsonNode.DeepEquals(YamlJson.Parse(yaml), node), Is.True, yaml);
        Assert.That(yaml, Does.Contain("text: |\n  line one\n    indented\n\n  last\n"));
    }

    [Test]
    public void EmitDocuments_Header_SeparatesDocuments()
    {
        // Act
        var yaml = YamlEmitter.EmitDocuments([new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = 2 }], "# header\n");

        // Assert
        Assert.That(yaml, Is.EqualTo("# header\n---\na: 1\n---\nb: 2\n"));
        Assert.That(YamlJson.ParseDocuments(yaml), Has.Count.EqualTo(2));
    }
}
