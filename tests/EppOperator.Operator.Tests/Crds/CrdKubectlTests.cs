using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Crds;

/// <summary>The committed CRDs applied with kubectl: the fixture serves them, defaults and printer columns work.</summary>
public class CrdKubectlTests
{
    [Test]
    public async Task KubectlApply_CommittedCrdsThenExamples_ServesDefaultsAndColumns()
    {
        if (Kubectl.Path is null) Assert.Ignore("kubectl is not installed");
        // Arrange
        var server = await Testing.Kubernetes.KubeApiServer.StartAsync();
        await using var fixture = await OperatorFixture.WrapAsync(server);

        // Act
        await fixture.Kubectl.MustAsync("apply", "-f", RepoPaths.Crds);
        await fixture.ApplyExampleAsync("inferencepool-v1.yaml", "inferencepool-v1alpha2.yaml", "inferencemodel.yaml", "inferenceobjectives.yaml", "inferencemodelrewrite.yaml");
        var columns = await fixture.Kubectl.MustAsync("get", "infpool", "vllm-llama3");
        var objectives = await fixture.Kubectl.MustAsync("get", "inferenceobjectives");
        var group = await fixture.Kubectl.MustAsync("get", "inferencepool.inference.networking.k8s.io", "vllm-llama3", "-o", "jsonpath={.spec.appProtocol}");

        // Assert
        Assert.That(columns, Does.Match(@"NAME\s+TARGET PORTS\s+ENDPOINT PICKER\s+FAILURE MODE\s+ACCEPTED\s+RESOLVED\s+AGE"));
        Assert.That(objectives, Does.Match(@"interactive\s+vllm-llama3\s+10"));
        Assert.That(group.Trim(), Is.EqualTo("http"), "schema default applied");
    }
}
