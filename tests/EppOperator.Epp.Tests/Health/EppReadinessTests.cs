using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Health;
using Grpc.Health.V1;

namespace EppOperator.Epp.Tests.Health;

[TestFixture]
public sealed class EppReadinessTests
{
    private const HealthCheckResponse.Types.ServingStatus Serving = HealthCheckResponse.Types.ServingStatus.Serving;
    private const HealthCheckResponse.Types.ServingStatus NotServing = HealthCheckResponse.Types.ServingStatus.NotServing;

    [TestCase(false, false, false, NotServing)]
    [TestCase(true, false, false, Serving)]
    [TestCase(true, true, false, NotServing)]
    [TestCase(true, true, true, Serving)]
    [TestCase(false, true, true, NotServing)]
    public void Check_ReadinessServices_FollowSyncAndLeadership(bool synced, bool leaderElection, bool leader, HealthCheckResponse.Types.ServingStatus expected)
    {
        // Arrange
        var datastore = new EndpointDatastore();
        if (synced) datastore.ReplaceAll([new EndpointSpec("pod-0-rank-0", IPAddress.Loopback, 8000)]);
        var readiness = new EppReadiness(datastore, leaderElection);
        readiness.SetLeader(leader);

        // Act
        var statuses = new[] { EppReadiness.ReadinessService, EppReadiness.ExtProcService, EppReadiness.OverallService, "inference-extension" }.Select(readiness.Check);

        // Assert
        Assert.That(statuses, Is.All.EqualTo(expected));
        Assert.That(readiness.Check(EppReadiness.LivenessService), Is.EqualTo(Serving));
    }

    [Test]
    public void Check_UnknownService_ReturnsNull()
    {
        Assert.That(new EppReadiness(new EndpointDatastore()).Check("inference-extension-typo"), Is.Null);
    }

    [Test]
    public void BeginDrain_WhenReady_StopsReadinessButNotLiveness()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([]);
        var readiness = new EppReadiness(datastore);
        var changes = new List<bool>();
        readiness.ReadinessChanged += changes.Add;

        // Act
        readiness.BeginDrain();

        // Assert
        Assert.That(readiness.Check(EppReadiness.ReadinessService), Is.EqualTo(NotServing));
        Assert.That(readiness.Check(EppReadiness.LivenessService), Is.EqualTo(Serving));
        Assert.That(changes, Is.EqualTo(new[] { false }));
    }

    [Test]
    public void ReadinessChanged_DatastoreSyncsThenLeadershipLost_RaisedOncePerFlip()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        var readiness = new EppReadiness(datastore, leaderElection: true);
        var changes = new List<bool>();
        readiness.ReadinessChanged += changes.Add;

        // Act
        readiness.SetLeader(true);
        datastore.ReplaceAll([new EndpointSpec("pod-0-rank-0", IPAddress.Loopback, 8000)]);
        datastore.Upsert(new EndpointSpec("pod-1-rank-0", IPAddress.Loopback, 8001));
        readiness.SetLeader(false);

        // Assert
        Assert.That(changes, Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void ReadinessChanged_DatastoreClearedThenRefilled_NotReadyUntilSyncedAgain()
    {
        // Arrange
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([new EndpointSpec("pod-0-rank-0", IPAddress.Loopback, 8000)]);
        var readiness = new EppReadiness(datastore);
        var changes = new List<bool>();
        readiness.ReadinessChanged += changes.Add;

        // Act
        datastore.Clear();
        var afterClear = readiness.Check(EppReadiness.ReadinessService);
        datastore.ReplaceAll([new EndpointSpec("pod-1-rank-0", IPAddress.Loopback, 8001)]);

        // Assert
        Assert.That(afterClear, Is.EqualTo(NotServing));
        Assert.That(readiness.Check(EppReadiness.ReadinessService), Is.EqualTo(Serving));
        Assert.That(changes, Is.EqualTo(new[] { false, true }));
    }
}
