using EppOperator.Operator.Configuration;
using EppOperator.Operator.Rendering;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.DataPlanes;

/// <summary>
/// Golden files of everything the operator generates for the examples, per data plane. A change in a generated
/// config shows up as a diff here; UPDATE_GOLDEN=1 rewrites them for review.
/// </summary>
public class DataPlaneGoldenTests
{
    private static readonly string[] Examples = ["inferencepool-v1.yaml", "inferencepool-v1alpha2.yaml", "inferencemodel.yaml", "inferenceobjectives.yaml", "inferencemodelrewrite.yaml", "httproute.yaml"];

    [TestCase("envoy", "render-envoy.yaml")]
    [TestCase("envoy-gateway", "render-envoy-gateway.yaml")]
    [TestCase("istio", "render-istio.yaml")]
    [TestCase("none", "render-none.yaml")]
    public void Render_Examples_MatchesGolden(string dataPlaneName, string golden)
    {
        Assert.That(DataPlaneNames.TryParse(dataPlaneName, out var dataPlane), Is.True);
        // Arrange
        var input = RenderInput.Parse(string.Join("\n---\n", Examples.Select(e => File.ReadAllText(RepoPaths.Example(e)))), "default");

        // Act
        var output = ManifestRenderer.Render(input, new OperatorSettings { DefaultDataPlane = dataPlane });

        // Assert
        Golden.AssertMatches(golden, output);
    }

    [Test]
    public void Render_PlaintextPicker_UsesH2cWithoutTls()
    {
        // Arrange
        var input = RenderInput.Parse(File.ReadAllText(RepoPaths.Example("inferencepool-v1.yaml")), "default");

        // Act
        var output = ManifestRenderer.Render(input, new OperatorSettings { DefaultDataPlane = DataPlane.Envoy, SecureServing = false });

        // Assert
        Golden.AssertMatches("render-envoy-plaintext.yaml", output);
    }
}
