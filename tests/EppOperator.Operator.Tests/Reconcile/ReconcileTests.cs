using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Tests.Reconcile;

/// <summary>The operator against the API server fixture, driven by kubectl applying the examples.</summary>
[NonParallelizable]
public class ReconcileTests
{
    private const string V1 = "inference.networking.k8s.io/v1";
    private const string V1Alpha2 = "inference.networking.x-k8s.io/v1alpha2";
    private OperatorFixture _fixture = null!;
    private CapturingLoggerProvider _logs = null!;

    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (Kubectl.Path is null) Assert.Ignore("kubectl is not installed");
    }

    [SetUp]
    public async Task SetUp()
    {
        _fixture = await OperatorFixture.StartAsync();
        _logs = new CapturingLoggerProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed) TestContext.Out.WriteLine(_logs.Dump());
        await _fixture.DisposeAsync();
        _logs.Dispose();
    }

    [Test]
    public async Task ApplyExamples_EnvoyDataPlane_CreatesChildrenStatusAndNoWritesOnReapply()
    {
        // Arrange
        await _fixture.StartOperatorAsync(_fixture.Options(new OperatorSettings { Namespace = "epp-operator-system", DefaultDataPlane = DataPlane.Envoy }), _logs.CreateFactory());
        string[] examples = ["inferencepool-v1.yaml", "inferencepool-v1alpha2.yaml", "inferencemodel.yaml", "inferenceobjectives.yaml", "inferencemodelrewrite.yaml", "httproute.yaml"];

        // Act
        await _fixture.ApplyExampleAsync(examples);
        await Poll.UntilAsync(() => Condition(Pool(V1, "vllm-llama3"), "Accepted") == "True" && Condition(Pool(V1Alpha2, "vllm-legacy"), "Accepted", legacy: true) == "True", "both pools accepted");
        await Poll.UntilAsync(() => ModelCondition("InferenceModel", "llama3-chat", "Ready") == "True", "model ready");
        await Poll.UntilAsync(() => ModelCondition("InferenceObjective", "interactive", "Ready") == "True" && ModelCondition("InferenceModelRewrite", "llama3-canary", "Accepted") == "True", "objective and rewrite accepted");

        // Assert: the picker.
        var deployment = Get("apps/v1", "Deployment", "vllm-llama3-epp");
        var args = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.That(args, Is.SupersetOf(new[] { "--pool-name", "vllm-llama3", "--pool-namespace", "default", "--pool-group", "inference.networking.k8s.io", "--secure-serving=true", "--cert-path" }));
        Assert.That(deployment["spec"]!["strategy"]!["type"]!.GetValue<string>(), Is.EqualTo("Recreate"));
        var owner = deployment["metadata"]!["ownerReferences"]![0]!;
        Assert.That(owner["kind"]!.GetValue<string>(), Is.EqualTo("InferencePool"));
        Assert.That(owner["controller"]!.GetValue<bool>(), Is.True);
        Assert.That(Get("v1", "Service", "vllm-llama3-epp")["spec"]!["ports"]![0]!["port"]!.GetValue<int>(), Is.EqualTo(9002));
        var tls = Get("v1", "Secret", "vllm-llama3-epp-tls");
        Assert.That(tls["type"]!.GetValue<string>(), Is.EqualTo("kubernetes.io/tls"));
        Assert.That(tls["data"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "tls.crt", "tls.key", "ca.crt" }));
        Assert.That(Get("rbac.authorization.k8s.io/v1", "Role", "vllm-llama3-epp")["rules"]!.AsArray(), Has.Count.EqualTo(3), "no lease rules with one replica");
        Assert.That(_fixture.Server.Get("v1", "Secret", "epp-operator-system", "epp-operator-ca"), Is.Not.Null);

        // Assert: the standalone Envoy and the legacy pool's picker behind its named Service.
        Assert.That(Get("v1", "ConfigMap", "vllm-llama3-envoy")["data"]!["envoy.yaml"]!.GetValue<string>(), Does.Contain("envoy.load_balancing_policies.override_host"));
        Assert.That(Get("v1", "Service", "vllm-llama3-shadow")["spec"]!["clusterIP"]!.GetValue<string>(), Is.EqualTo("None"));
        Assert.That(Get("v1", "Service", "vllm-legacy-epp"), Is.Not.Null);
        Assert.That(Get("apps/v1", "Deployment", "vllm-legacy-envoy"), Is.Not.Null);

        // Assert: status on our own parent entry only, with observedGeneration.
        var parent = Pool(V1, "vllm-llama3")!["status"]!["parents"]![0]!;
        Assert.That(parent["controllerName"]!.GetValue<string>(), Is.EqualTo("eppoperator.io/epp-operator"));
        Assert.That(parent["parentRef"]!["kind"]!.GetValue<string>(), Is.EqualTo("StandaloneEnvoy"));
        Assert.That(parent["conditions"]![0]!["observedGeneration"]!.GetValue<long>(), Is.EqualTo(Pool(V1, "vllm-llama3")!["metadata"]!["generation"]!.GetValue<long>()));
        Assert.That(Condition(Pool(V1, "vllm-llama3"), "ResolvedRefs"), Is.EqualTo("True"));
        Assert.That(Pool(V1, "vllm-llama3")!["metadata"]!["ownerReferences"], Is.Null, "the pool itself is never claimed");
        Assert.That(Pool(V1, "vllm-llama3")!["metadata"]!["finalizers"], Is.Null);

        // Act: a second apply of the same files.
        await QuietAsync();
        _fixture.Server.ClearRequests();
        var second = await _fixture.ApplyExampleAsync(examples);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert: nothing changed, nothing was written.
        Assert.That(second, Does.Contain("unchanged").And.Not.Contain("configured"));
        Assert.That(_fixture.OperatorWrites(), Is.Empty, "the operator must not write when nothing changed");
    }

    private JsonObject? Pool(string apiVersion, string name) => _fixture.Server.Get(apiVersion, "InferencePool", "default", name);

    private JsonObject Get(string apiVersion, string kind, string name, string ns = "default") =>
        _fixture.Server.Get(apiVersion, kind, ns, name) ?? throw new AssertionException($"{kind} {ns}/{name} does not exist");

    private static string? Condition(JsonObject? pool, string type, bool legacy = false)
    {
        var parents = pool?["status"]?[legacy ? "parent" : "parents"]?.AsArray();
        var ours = parents?.FirstOrDefault(p => legacy ? p?["parentRef"]?["apiVersion"]?.GetValue<string>() == "eppoperator.io/v1alpha1" : p?["controllerName"]?.GetValue<string>() == "eppoperator.io/epp-operator");
        return ours?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();
    }

    private string? ModelCondition(string kind, string name, string type) =>
        _fixture.Server.Get(V1Alpha2, kind, "default", name)?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    /// <summary>Waits until the operator has written nothing for a second (the reconciles settled).</summary>
    private async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            _fixture.Server.ClearRequests();
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (_fixture.OperatorWrites().Count == 0) return;
        }

        Assert.Fail("the operator kept writing: " + string.Join(", ", _fixture.OperatorWrites().Take(10).Select(r => r.Method + " " + r.Path)));
    }
}
