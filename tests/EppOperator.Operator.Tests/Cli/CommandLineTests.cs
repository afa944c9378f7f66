using System.Text.Json.Nodes;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Cli;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Cli;

public class CommandLineTests
{
    [Test]
    public async Task Crds_NoFlags_PrintsEveryCrd()
    {
        // Act
        var (code, output, _) = await RunAsync("crds");

        // Assert
        Assert.That(code, Is.Zero);
        Assert.That(YamlJson.ParseDocuments(output).Select(d => d["metadata"]!["name"]!.GetValue<string>()).ToList(), Has.Count.EqualTo(5).And.Contains("inferencepools.inference.networking.k8s.io"));
    }

    [Test]
    public async Task Render_ExamplesWithEnvoy_PrintsObjectsAndStatusComments()
    {
        // Act
        var (code, output, _) = await RunAsync("render", "-f", RepoPaths.Example("inferencepool-v1.yaml"), "-f", RepoPaths.Example("httproute.yaml"), "--data-plane", "envoy");

        // Assert
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("#   Accepted=True (Accepted)"));
        var kinds = YamlJson.ParseDocuments(output).Select(d => $"{d["kind"]}/{d["metadata"]!["name"]}").ToList();
        Assert.That(kinds, Is.SupersetOf(new[] { "Deployment/vllm-llama3-epp", "Service/vllm-llama3-epp", "ConfigMap/vllm-llama3-envoy", "Service/vllm-llama3-shadow", "Deployment/vllm-llama3-envoy" }));
    }

    [TestCase(new[] { "render", "-f", "missing.yaml" }, "--filename: file 'missing.yaml' does not exist")]
    [TestCase(new[] { "render", "-f", "EXAMPLE", "--data-plane", "nginx" }, "--data-plane: 'nginx' is not one of none, envoy-gateway, istio, envoy")]
    [TestCase(new[] { "manifests", "--replicas", "0" }, "--replicas: 0 is outside 1..10")]
    [TestCase(new[] { "manifests", "--namespace", "Bad_NS" }, "--namespace: 'Bad_NS' is not a namespace name")]
    [TestCase(new[] { "run", "--kubeconfig", "/no/such/kubeconfig" }, "--kubeconfig:")]
    [TestCase(new[] { "run", "--health-port", "70000" }, "--health-port: '70000' is not a port")]
    [TestCase(new[] { "render" }, "--filename")]
    [TestCase(new[] { "frobnicate" }, "Unrecognized")]
    public async Task BadFlags_ExitTwoNamingTheFlag(string[] args, string message)
    {
        // Act
        var (code, _, error) = await RunAsync([.. args.Select(a => a == "EXAMPLE" ? RepoPaths.Example("inferencepool-v1.yaml") : a)]);

        // Assert
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public async Task Render_InvalidYaml_ReportsTheDocument()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: inference.networking.k8s.io/v1\nkind: InferencePool\nmetadata: {name: x}\nspec:\n  targetPorts: notalist\n");

        // Act
        var (code, _, error) = await RunAsync("render", "-f", file);
        File.Delete(file);

        // Assert
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("document 1 (InferencePool x)"));
    }

    [Test]
    public async Task Manifests_Defaults_PrintsTheInstallation()
    {
        // Act
        var (code, output, _) = await RunAsync("manifests", "--crds=false", "--namespace", "ops");

        // Assert
        Assert.That(code, Is.Zero);
        var documents = YamlJson.ParseDocuments(output);
        Assert.That(documents.Select(d => d["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment", "Service" }));
        var binding = documents.Single(d => d["kind"]!.GetValue<string>() == "ClusterRoleBinding");
        Assert.That(binding["subjects"]![0]!["namespace"]!.GetValue<string>(), Is.EqualTo("ops"));
        var rules = documents.Single(d => d["kind"]!.GetValue<string>() == "ClusterRole")["rules"]!.AsArray();
        Assert.That(rules.Where(r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "inferencepools")).SelectMany(r => r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())), Is.EquivalentTo(new[] { "get", "list", "watch", "get", "list", "watch" }), "pools are read-only; only /status is written");
    }

    [Test]
    public void ManifestsArguments_ParsedByTheRunCommand_HaveNoErrors()
    {
        // Arrange
        var args = Operator.Install.InstallManifestBuilder.Arguments(new Operator.Install.InstallOptions { DataPlane = Operator.Configuration.DataPlane.Istio, SecureServing = false });

        // Act
        var parse = OperatorCommandLine.Build(TextWriter.Null, TextWriter.Null).Parse(args);

        // Assert
        Assert.That(parse.Errors.Select(e => e.Message), Is.Empty);
        Assert.That(parse.CommandResult.Command.Name, Is.EqualTo("run"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperatorCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
