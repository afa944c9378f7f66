using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Hosting;
using EppOperator.Testing.Logging;

namespace EppOperator.Operator.Tests.Support;

/// <summary>
/// Base of the tests that run the operator against the API server fixture: a fresh fixture per test, captured logs
/// printed when a test fails, and readers for the objects and conditions the tests check.
/// </summary>
public abstract class OperatorTestBase
{
    protected const string V1 = "inference.networking.k8s.io/v1";
    protected const string V1Alpha2 = "inference.networking.x-k8s.io/v1alpha2";

    private protected OperatorFixture Fixture { get; private set; } = null!;

    private protected LogCapture Logs { get; private set; } = null!;

    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (Kubectl.Path is null) Assert.Ignore("kubectl is not installed");
    }

    [SetUp]
    public async Task StartFixtureAsync()
    {
        Fixture = await OperatorFixture.StartAsync();
        Logs = new LogCapture();
    }

    [TearDown]
    public async Task StopFixtureAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed) await TestContext.Out.WriteLineAsync(Logs.Dump());
        await Fixture.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>Replaces the standard fixture with one the test prepared (e.g. with other CRDs installed).</summary>
    private protected async Task UseFixtureAsync(OperatorFixture fixture)
    {
        await Fixture.DisposeAsync();
        Fixture = fixture;
    }

    /// <summary>Starts an operator against the fixture, its logs captured for a failing test's output.</summary>
    private protected Task<OperatorHost> StartOperatorAsync(OperatorSettings? settings = null, string identity = "operator-a", bool leaderElection = false) =>
        Fixture.StartOperatorAsync(Fixture.Options(settings, identity, leaderElection), Logs.CreateFactory());

    private protected JsonObject? Pool(string apiVersion, string name) => Fixture.Server.Get(apiVersion, "InferencePool", "default", name);

    private protected JsonObject Get(string apiVersion, string kind, string name, string ns = "default") =>
        Fixture.Server.Get(apiVersion, kind, ns, name) ?? throw new AssertionException($"{kind} {ns}/{name} does not exist");

    /// <summary>The status of a condition on the operator's own parent entry of a pool.</summary>
    private protected static string? Condition(JsonObject? pool, string type, bool legacy = false)
    {
        var parents = pool?["status"]?[legacy ? "parent" : "parents"]?.AsArray();
        var ours = parents?.FirstOrDefault(p => legacy ? p?["parentRef"]?["apiVersion"]?.GetValue<string>() == "eppoperator.io/v1alpha1" : p?["controllerName"]?.GetValue<string>() == "eppoperator.io/epp-operator");
        return ours?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();
    }

    private protected string? Accepted(string pool) => Condition(Pool(V1, pool), "Accepted");

    private protected string? ModelCondition(string kind, string name, string type) =>
        Fixture.Server.Get(V1Alpha2, kind, "default", name)?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    /// <summary>Applies a minimal v1 pool without a picker reference (so the operator manages it).</summary>
    private protected Task<string> ApplyManagedPoolAsync(string name) =>
        Fixture.Kubectl.MustAsync("apply", "-f", Fixture.WriteFile(name + ".yaml", $$"""
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata:
              name: {{name}}
            spec:
              selector:
                matchLabels:
                  app: {{name}}
              targetPorts:
              - number: 8000
            """));
}
