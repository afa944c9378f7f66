using EppOperator.Testing.Kubernetes;
using EppOperator.Testing.Net;

namespace EppOperator.Kube.Tests.Fixture;

/// <summary>The real kubectl (1.32) against the fixture, through a generated kubeconfig.</summary>
public class KubectlTests
{
    private KubeApiServer _server = null!;
    private string _directory = "";
    private string _kubectl = "";

    [OneTimeSetUp]
    public void FindKubectl()
    {
        _kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists)
            ?? Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(p => Path.Combine(p, "kubectl")).FirstOrDefault(File.Exists)
            ?? "";
        if (_kubectl.Length == 0) Assert.Ignore("kubectl is not installed");
    }

    [SetUp]
    public async Task SetUp()
    {
        _server = await KubeApiServer.StartAsync();
        _directory = Path.Combine(Path.GetTempPath(), "kubectl-fixture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _server.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Kubectl_ApplyCrdAndPool_GetListsIt_DeleteRemovesIt()
    {
        // Act
        var crd = await KubectlAsync("apply", "-f", FixtureCrds.WriteTo(_directory, FixtureCrds.InferencePoolV1));
        var pool = await KubectlAsync("apply", "-f", Asset("inferencepool.yaml"));
        var listed = await KubectlAsync("get", "inferencepools");
        var defaulted = await KubectlAsync("get", "infpool", "vllm-llama3", "-o", "jsonpath={.spec.endpointPickerRef.failureMode}");
        var deleted = await KubectlAsync("delete", "-f", Asset("inferencepool.yaml"));
        var afterDelete = await KubectlAsync("get", "inferencepools");

        // Assert
        Assert.That(crd.Output, Does.Contain("customresourcedefinition.apiextensions.k8s.io/inferencepools.inference.networking.k8s.io created"));
        Assert.That(pool.Output, Does.Contain("inferencepool.inference.networking.k8s.io/vllm-llama3 created"));
        Assert.That(listed.Output, Does.Match(@"NAME\s+AGE\s+vllm-llama3\s+\d+s"));
        Assert.That(defaulted.Output, Is.EqualTo("FailClose"), "the CRD schema default is applied");
        Assert.That(deleted.Output, Does.Contain("inferencepool.inference.networking.k8s.io \"vllm-llama3\" deleted"));
        Assert.That(afterDelete.Output + afterDelete.Error, Does.Contain("No resources found"));
        Assert.That(_server.List("inference.networking.k8s.io/v1", "InferencePool"), Is.Empty);
    }

    [Test]
    public async Task Kubectl_ApplyInvalidPool_ReportsTheSchemaViolations()
    {
        // Arrange
        await KubectlAsync("apply", "-f", FixtureCrds.WriteTo(_directory, FixtureCrds.InferencePoolV1));

        // Act
        var result = await KubectlAsync(expectSuccess: false, "apply", "-f", Asset("inferencepool-invalid.yaml"));

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("spec.targetPorts[0].number").And.Contain("less than or equal to 65535"));
        Assert.That(result.Error, Does.Contain("Unsupported value: \"Sometimes\""));
    }

    [Test]
    public async Task Kubectl_ReapplyChangedDeployment_PatchesItAndKeepsUnchangedContainers()
    {
        // Arrange
        await KubectlAsync("apply", "-f", Asset("deployment.yaml"));
        var changed = File.ReadAllText(Asset("deployment.yaml")).Replace("v0.8.0", "v0.9.0", StringComparison.Ordinal).Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal);
        var changedPath = Path.Combine(_directory, "deployment-changed.yaml");
        File.WriteAllText(changedPath, changed);

        // Act
        var applied = await KubectlAsync("apply", "-f", changedPath);
        var images = await KubectlAsync("get", "deployment", "vllm-llama3", "-o", "jsonpath={.spec.template.spec.containers[*].image} {.spec.replicas} {.metadata.generation}");

        // Assert
        Assert.That(applied.Output, Does.Contain("deployment.apps/vllm-llama3 configured"));
        Assert.That(images.Output, Is.EqualTo("vllm/vllm-openai:v0.9.0 busybox:1.36 3 2"));
    }

    [Test]
    public async Task Kubectl_ServerSideApply_ConflictsWithAnotherManagerUnlessForced()
    {
        // Arrange
        await KubectlAsync("apply", "-f", Asset("deployment.yaml"));
        var scaled = File.ReadAllText(Asset("deployment.yaml")).Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal);
        var scaledPath = Path.Combine(_directory, "deployment-scaled.yaml");
        File.WriteAllText(scaledPath, scaled);

        // Act
        var conflict = await KubectlAsync(expectSuccess: false, "apply", "--server-side", "--field-manager=autoscaler", "-f", scaledPath);
        var forced = await KubectlAsync("apply", "--server-side", "--field-manager=autoscaler", "--force-conflicts", "-f", scaledPath);

        // Assert
        Assert.That(conflict.Error, Does.Contain("conflict with \"kubectl-client-side-apply\"").And.Contain(".spec.replicas"));
        Assert.That(forced.Output, Does.Contain("serverside-applied"));
        Assert.That(_server.Get("apps/v1", "Deployment", "default", "vllm-llama3")!["spec"]!["replicas"]!.GetValue<int>(), Is.EqualTo(5));
    }

    private static string Asset(string name) => Path.Combine(AppContext.BaseDirectory, "TestAssets", name);

    private Task<(int ExitCode, string Output, string Error)> KubectlAsync(params string[] arguments) => KubectlAsync(true, arguments);

    private async Task<(int ExitCode, string Output, string Error)> KubectlAsync(bool expectSuccess, params string[] arguments)
    {
        string[] common = ["--kubeconfig", Path.Combine(_directory, "kubeconfig"), "--cache-dir", Path.Combine(_directory, "cache")];
        var result = await ChildProcess.RunAsync(_kubectl, [.. common, .. arguments], TimeSpan.FromSeconds(60));
        if (expectSuccess && result.ExitCode != 0)
        {
            Assert.Fail($"kubectl {string.Join(' ', arguments)}: {result.Describe()}");
        }

        return (result.ExitCode, result.StandardOutput.Trim(), result.StandardError.Trim());
    }
}
