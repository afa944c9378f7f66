using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Hosting;
using EppOperator.Operator.Runtime;
using EppOperator.Operator.Tests.Support;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace EppOperator.Operator.Tests.Reconcile;

/// <summary>Conflicts, expired watches, leader failover and coexistence with the upstream CRDs.</summary>
[NonParallelizable]
public class ReliabilityTests
{
    private const string V1 = "inference.networking.k8s.io/v1";
    private const string PoolResource = "inferencepools.inference.networking.k8s.io";
    private OperatorFixture _fixture = null!;
    private CapturingLoggerProvider _logs = null!;

    [OneTimeSetUp]
    public void RequireKubectl()
    {
        if (Kubectl.Path is null) Assert.Ignore("kubectl is not installed");
    }

    [SetUp]
    public void SetUp() => _logs = new CapturingLoggerProvider();

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed) TestContext.Out.WriteLine(_logs.Dump());
        if (_fixture is not null) await _fixture.DisposeAsync();
        _logs.Dispose();
    }

    [Test]
    public async Task StatusUpdate_ConflictsInjected_Converges()
    {
        // Arrange
        _fixture = await OperatorFixture.StartAsync();
        await _fixture.StartOperatorAsync(_fixture.Options(), _logs.CreateFactory());
        _fixture.Server.InjectConflicts(3, PoolResource);

        // Act
        await _fixture.ApplyExampleAsync("inferencepool-v1.yaml");

        // Assert
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "status written despite three 409s");
        var statusWrites = _fixture.Server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/inferencepools/vllm-llama3/status", StringComparison.Ordinal));
        Assert.That(statusWrites, Is.GreaterThanOrEqualTo(4), "three conflicts, then a write that lands");
    }

    [Test]
    public async Task PoolWatch_ExpiredWith410_RelistsAndReconcilesWhatChangedMeanwhile()
    {
        // Arrange
        _fixture = await OperatorFixture.StartAsync();
        var host = await _fixture.StartOperatorAsync(_fixture.Options(), _logs.CreateFactory());
        await _fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "first pool reconciled");
        var informer = host.Services.GetRequiredService<Kube.Controllers.EntityControllerHost<Kube.Entities.Inference.V1InferencePool>>().Informer;
        var lists = informer.ListCount;

        // Act: expire the watch and compact history, so the resume must relist; change the world meanwhile.
        _fixture.Server.CompactHistory();
        Assert.That(_fixture.Server.ExpireWatches(PoolResource), Is.GreaterThan(0));
        await _fixture.Kubectl.MustAsync("apply", "-f", _fixture.WriteFile("second.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: second}
            spec:
              selector: {matchLabels: {app: second}}
              targetPorts: [{number: 8000}]
            """));

        // Assert
        await Poll.UntilAsync(() => _fixture.Server.Get("apps/v1", "Deployment", "default", "second-epp") is not null, "the pool created during the outage is reconciled");
        Assert.That(informer.ListCount, Is.GreaterThan(lists), "a 410 leads to a relist");
        Assert.That(Accepted("second"), Is.EqualTo("True").Or.Null);
    }

    [Test]
    public async Task TwoOperators_LeaderStops_StandbyTakesOverAndOnlyTheLeaderWrites()
    {
        // Arrange
        _fixture = await OperatorFixture.StartAsync();
        var a = await _fixture.StartOperatorAsync(_fixture.Options(identity: "operator-a", leaderElection: true), _logs.CreateFactory());
        await Poll.UntilAsync(() => LeaseHolder() == "operator-a", "A leads");
        var b = await _fixture.StartOperatorAsync(_fixture.Options(identity: "operator-b", leaderElection: true), _logs.CreateFactory());
        await _fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "A reconciles");
        Assert.That(Events().Select(e => e["reportingInstance"]?.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { "operator-a" }), "the standby records nothing");

        // Act: the leader shuts down (it releases the lease).
        await _fixture.StopOperatorAsync(a);
        await Poll.UntilAsync(() => LeaseHolder() == "operator-b", "B takes over", TimeSpan.FromSeconds(15));
        await _fixture.Kubectl.MustAsync("apply", "-f", _fixture.WriteFile("second.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: second}
            spec:
              selector: {matchLabels: {app: second}}
              targetPorts: [{number: 8000}]
            """));

        // Assert
        await Poll.UntilAsync(() => Accepted("second") == "True", "B reconciles new pools");
        Assert.That(Events().Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "second").Select(e => e["reportingInstance"]?.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { "operator-b" }));
        Assert.That(b.Services.GetRequiredService<PoolRoles>().IsServed("inference.networking.k8s.io/default/vllm-llama3"), Is.True, "B re-reconciled the existing pool on taking over");
    }

    [Test]
    public async Task UpstreamCrds_AlreadyInstalled_OperatorUsesThemAndLeavesThemAlone()
    {
        // Arrange: the upstream CRDs (the fixture's compact copies of GAIE v1.5.0), not ours.
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(250), Namespaces = ["default", "epp-operator-system"] });
        FixtureCrds.Install(server);
        _fixture = await OperatorFixture.WrapAsync(server);
        var before = _fixture.Server.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, FixtureCrds.InferencePoolV1)!["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Act
        await _fixture.StartOperatorAsync(_fixture.Options(), _logs.CreateFactory());
        await _fixture.ApplyExampleAsync("inferencepool-v1.yaml");

        // Assert
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "pool reconciled with the upstream CRD");
        Assert.That(_logs.Lines.Any(l => l.Event.Id == 8007 && l.Message.Contains("upstream GAIE v1.5.0", StringComparison.Ordinal)), Is.True, "the upstream origin is reported");
        Assert.That(_fixture.Server.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, FixtureCrds.InferencePoolV1)!["metadata"]!["resourceVersion"]!.GetValue<string>(), Is.EqualTo(before), "the CRD is never modified");
    }

    private string? Accepted(string pool) =>
        _fixture.Server.Get(V1, "InferencePool", "default", pool)?["status"]?["parents"]?.AsArray()
            .FirstOrDefault(p => p?["controllerName"]?.GetValue<string>() == "eppoperator.io/epp-operator")?["conditions"]?.AsArray()
            .FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Accepted")?["status"]?.GetValue<string>();

    private string? LeaseHolder() =>
        _fixture.Server.Get("coordination.k8s.io/v1", "Lease", "epp-operator-system", OperatorHost.LeaseName)?["spec"]?["holderIdentity"]?.GetValue<string>();

    private IEnumerable<JsonObject> Events() => _fixture.Server.List("v1", "Event", "default");
}
