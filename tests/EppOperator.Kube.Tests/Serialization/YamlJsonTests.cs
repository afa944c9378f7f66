using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Tests.Serialization;

public class YamlJsonTests
{
    [TestCase("true", "true")]
    [TestCase("yes", "true")]
    [TestCase("On", "true")]
    [TestCase("no", "false")]
    [TestCase("OFF", "false")]
    [TestCase("~", "null")]
    [TestCase("null", "null")]
    [TestCase("42", "42")]
    [TestCase("-7", "-7")]
    [TestCase("0x1F", "31")]
    [TestCase("1.5", "1.5")]
    [TestCase("1e3", "1000")]
    [TestCase("8000", "8000")]
    [TestCase("v1", "\"v1\"")]
    [TestCase("1.2.3", "\"1.2.3\"")]
    [TestCase("500m", "\"500m\"")]
    [TestCase("'yes'", "\"yes\"")]
    [TestCase("\"42\"", "\"42\"")]
    [TestCase("!!str 42", "\"42\"")]
    public void Parse_Scalar_ResolvesLikeKubectl(string yaml, string expectedJson)
    {
        // Arrange
        var document = "value: " + yaml;

        // Act
        var node = YamlJson.Parse(document);

        // Assert
        Assert.That(node!["value"]?.ToJsonString() ?? "null", Is.EqualTo(expectedJson));
    }

    [Test]
    public void ParseDocuments_MultiDocumentManifest_ReturnsEachNonEmptyDocument()
    {
        // Arrange
        const string yaml = "---\nkind: A\n---\n# only a comment\n---\nkind: B\nitems: [1, two]\n";

        // Act
        var documents = YamlJson.ParseDocuments(yaml);

        // Assert
        Assert.That(documents.Select(d => d.ToJsonString()), Is.EqualTo(new[] { "{\"kind\":\"A\"}", "{\"kind\":\"B\",\"items\":[1,\"two\"]}" }));
    }

    [Test]
    public void Parse_BlockScalar_KeepsText()
    {
        // Arrange
        const string yaml = "script: |\n  line one\n  true\n";

        // Act
        var node = YamlJson.Parse(yaml);

        // Assert
        Assert.That(node!["script"]!.GetValue<string>(), Is.EqualTo("line one\ntrue\n"));
    }

    [Test]
    public void Parse_InvalidYaml_ThrowsFormatExceptionNamingTheLine()
    {
        // Arrange
        const string yaml = "a: 1\nb: [unclosed\nc: 3\n";

        // Act
        var error = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml));

        // Assert
        Assert.That(error!.Message, Does.StartWith("invalid YAML"));
    }
}
