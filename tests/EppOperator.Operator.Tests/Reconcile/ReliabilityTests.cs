using System.Text.Json.Nodes;
using EppOperator.Operator.Hosting;
using EppOperator.Operator.Runtime;
using EppOperator.Operator.Tests.Support;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using EppOperator.Testing.Logging;

namespace EppOperator.Operator.Tests.Reconcile;

/// <summary>Conflicts, expired watches, leader failover and coexistence with the upstream CRDs.</summary>
[NonParallelizable]
public class ReliabilityTests : OperatorTestBase
{
    private const string PoolResource = "inferencepools.inference.networking.k8s.io";

    [Test]
    public async Task StatusUpdate_ConflictsInjected_Converges()
    {
        // Arrange
        await StartOperatorAsync();
        Fixture.Server.InjectConflicts(3, PoolResource);

        // Act
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");

        // Assert
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "status written despite three 409s");
        var statusWrites = Fixture.Server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/inferencepools/vllm-llama3/status", StringComparison.Ordinal));
        Assert.That(statusWrites, Is.GreaterThanOrEqualTo(4), "three conflicts, then a write that lands");
    }

    [Test]
    public async Task PoolWatch_ExpiredWith410_RelistsAndReconcilesWhatChangedMeanwhile()
    {
        // Arrange
        var host = await StartOperatorAsync();
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "first pool reconciled");
        var informer = host.Services.GetRequiredService<Kube.Controllers.EntityControllerHost<Kube.Entities.Inference.V1InferencePool>>().Informer;
        var lists = informer.ListCount;

        // Act: expire the watch and compact history, so the resume must relist; change the world meanwhile.
        Fixture.Server.CompactHistory();
        Assert.That(Fixture.Server.ExpireWatches(PoolResource), Is.GreaterThan(0));
        await ApplyManagedPoolAsync("second");

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "second-epp") is not null, "the pool created during the outage is reconciled");
        await Poll.UntilAsync(() => Accepted("second") == "True", "and its status written");
        Assert.That(informer.ListCount, Is.GreaterThan(lists), "a 410 leads to a relist");
    }

    [Test]
    public async Task TwoOperators_LeaderStops_StandbyTakesOverAndOnlyTheLeaderWrites()
    {
        // Arrange
        var a = await StartOperatorAsync(identity: "operator-a", leaderElection: true);
        await Poll.UntilAsync(() => LeaseHolder() == "operator-a", "A leads");
        var b = await StartOperatorAsync(identity: "operator-b", leaderElection: true);
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "A reconciles");
        Assert.That(Events().Select(e => e["reportingInstance"]?.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { "operator-a" }), "the standby records nothing");

        // Act: the leader shuts down (it releases the lease).
        await Fixture.StopOperatorAsync(a);
        await Poll.UntilAsync(() => LeaseHolder() == "operator-b", "B takes over", TimeSpan.FromSeconds(15));
        await ApplyManagedPoolAsync("second");

        // Assert
        await Poll.UntilAsync(() => Accepted("second") == "True", "B reconciles new pools");
        // Events are recorded after the status write they describe, so wait for them rather than read them at once.
        string?[] SecondReporters() => Events().Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "second").Select(e => e["reportingInstance"]?.GetValue<string>()).Distinct().ToArray();
        await Poll.UntilAsync(() => SecondReporters().Length > 0, "B records Events for the new pool");
        Assert.That(SecondReporters(), Is.EquivalentTo(new[] { "operator-b" }));
        Assert.That(b.Services.GetRequiredService<PoolRoles>().IsServed("inference.networking.k8s.io/default/vllm-llama3"), Is.True, "B re-reconciled the existing pool on taking over");
    }

    [Test]
    public async Task UpstreamCrds_AlreadyInstalled_OperatorUsesThemAndLeavesThemAlone()
    {
        // Arrange: the upstream CRDs (the fixture's compact copies of GAIE v1.5.0), not ours.
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(250), Namespaces = ["default", "epp-operator-system"] });
        FixtureCrds.Install(server);
        await UseFixtureAsync(await OperatorFixture.WrapAsync(server));
        var before = Fixture.Server.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, FixtureCrds.InferencePoolV1)!["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Act
        await StartOperatorAsync();
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");

        // Assert
        await Poll.UntilAsync(() => Accepted("vllm-llama3") == "True", "pool reconciled with the upstream CRD");
        Assert.That(Logs.Entries.Any(l => l.EventId.Id == 8007 && l.Message.Contains("upstream GAIE v1.5.0", StringComparison.Ordinal)), Is.True, "the upstream origin is reported");
        Assert.That(Fixture.Server.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, FixtureCrds.InferencePoolV1)!["metadata"]!["resourceVersion"]!.GetValue<string>(), Is.EqualTo(before), "the CRD is never modified");
    }

    private string? LeaseHolder() =>
        Fixture.Server.Get("coordination.k8s.io/v1", "Lease", "epp-operator-system", OperatorHost.LeaseName)?["spec"]?["holderIdentity"]?.GetValue<string>();

    private IEnumerable<JsonObject> Events() => Fixture.Server.List("v1", "Event", "default");
}
