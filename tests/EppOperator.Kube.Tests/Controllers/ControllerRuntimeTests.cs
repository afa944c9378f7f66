using System.Text.Json.Nodes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Events;
using EppOperator.Kube.Finalizers;
using EppOperator.Kube.Hosting;
using EppOperator.Kube.Informers;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EppOperator.Kube.Tests.Controllers;

public class ControllerRuntimeTests
{
    private static readonly ControllerOptions<Deployment> Fast = new()
    {
        Informer = new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200), MaxJitter = TimeSpan.FromMilliseconds(10) },
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private KubeApiServer _server = null!;
    private KubernetesClient _client = null!;
    private ControllerProbe _probe = null!;
    private IHost? _host;

    [SetUp]
    public async Task SetUp()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        _client = FixtureClients.Create(_server);
        _probe = new ControllerProbe();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Reconcile_NewObject_ThenStatusOnlyUpdateSkipped_ThenSpecChangeReconciled()
    {
        // Arrange
        await StartAsync();

        // Act
        var created = await _client.CreateAsync(Deployment("web"));
        await Poll.UntilAsync(() => _probe.Count("reconcile:web:1") == 1, "first reconcile");
        created.Status = new DeploymentStatus { ReadyReplicas = 1 };
        var withStatus = await _client.UpdateStatusAsync(created);
        withStatus.Spec!.Replicas = 3;
        await _client.UpdateAsync(withStatus);
        await Poll.UntilAsync(() => _probe.Count("reconcile:web:2") == 1, "reconcile of generation 2");
        await Task.Delay(300);

        // Assert
        Assert.That(_probe.Calls, Is.EqualTo(new[] { "reconcile:web:1", "reconcile:web:2" }));
    }

    [Test]
    public async Task Reconcile_WatchExpiredWhileThingsChanged_NoMissedAndNoDuplicatedReconciles()
    {
        // Arrange
        foreach (var name in new[] { "kept", "respecced", "status-only", "removed" }) await _client.CreateAsync(Deployment(name));
        await StartAsync();
        await Poll.UntilAsync(() => _probe.Count("reconcile:") == 4, "initial reconciles");
        await _server.WaitForAsync(() => _server.OpenWatchCount("deployments.apps") == 1, TimeSpan.FromSeconds(10));

        // Act: the controller is cut off from the watch while objects change; then history is compacted (410).
        _server.FailRequests(int.MaxValue, 503, r => r.IsWatch);
        _server.DisconnectWatches();
        var respecced = (await _client.GetAsync<Deployment>("respecced"))!;
        respecced.Spec!.Replicas = 2;
        await _client.UpdateAsync(respecced);
        var statusOnly = (await _client.GetAsync<Deployment>("status-only"))!;
        statusOnly.Status = new DeploymentStatus { ReadyReplicas = 1 };
        await _client.UpdateStatusAsync(statusOnly);
        await _client.DeleteAsync<Deployment>("removed");
        await _client.CreateAsync(Deployment("added"));
        _server.CompactHistory();
        _server.FailRequests(0, 503);
        await Poll.UntilAsync(() => _probe.Calls.Count == 7, "three changes after the relist");
        await Task.Delay(500);

        // Assert
        Assert.That(_probe.Calls.Skip(4), Is.EquivalentTo(new[] { "reconcile:respecced:2", "deleted:removed", "reconcile:added:1" }));
        Assert.That(_probe.Calls.Distinct().Count(), Is.EqualTo(_probe.Calls.Count), "no duplicated reconcile");
    }

    [Test]
    public async Task Reconcile_WriteConflicts_RequeuedUntilConverged()
    {
        // Arrange: the controller stamps the generation it saw; the first three writes are forced to conflict.
        _probe.OnReconcile = async (d, ct) =>
        {
            var latest = (await _client.GetAsync<Deployment>(d.Metadata.Name!, d.Metadata.Namespace, ct))!;
            (latest.Metadata.Annotations ??= [])["test/observed-generation"] = latest.Metadata.Generation.ToString()!;
            await _client.UpdateAsync(latest, ct);
            return ReconcileResult.Done;
        };
        _server.InjectConflicts(3, "deployments.apps");
        await StartAsync();

        // Act
        await _client.CreateAsync(Deployment("contended"));
        await Poll.UntilAsync(() => _server.Get("apps/v1", "Deployment", "default", "contended")?["metadata"]?["annotations"]?["test/observed-generation"] is not null, "the stamp");
        await Task.Delay(300);

        // Assert
        Assert.That(_probe.Count("reconcile:contended:1"), Is.EqualTo(4), "three conflicts, then success, then quiet");
    }

    [Test]
    public async Task Finalizer_AttachedByReconcile_RunsOnceOnDelete_ThenDeletedIsCalled()
    {
        // Arrange
        _probe.OnReconcile = async (d, ct) =>
        {
            await EntityFinalizers.AttachAsync(_client, d, ProbeFinalizer.Identifier, ct);
            return ReconcileResult.Done;
        };
        await StartAsync(withFinalizer: true);
        await _client.CreateAsync(Deployment("guarded"));
        await Poll.UntilAsync(() => _server.Get("apps/v1", "Deployment", "default", "guarded")?["metadata"]?["finalizers"] is not null, "the finalizer attached");

        // Act
        var pending = await _client.DeleteAsync<Deployment>("guarded");
        await Poll.UntilAsync(() => _probe.Count("deleted:guarded") == 1, "DeletedAsync");
        await Task.Delay(300);

        // Assert
        Assert.That(pending!.Metadata.DeletionTimestamp, Is.Not.Null);
        Assert.That(_probe.Calls.Where(c => !c.StartsWith("reconcile", StringComparison.Ordinal)), Is.EqualTo(new[] { "finalize:guarded", "deleted:guarded" }));
        Assert.That(_server.Get("apps/v1", "Deployment", "default", "guarded"), Is.Null);
    }

    [Test]
    public async Task Finalizer_Throws_IsRetriedAndTheObjectStaysUntilItSucceeds()
    {
        // Arrange
        var failures = 2;
        _probe.OnFinalize = (_, _) => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("cleanup failed") : Task.CompletedTask;
        await StartAsync(withFinalizer: true);
        var created = Deployment("sticky");
        created.Metadata.Finalizers = [ProbeFinalizer.Identifier];
        await _client.CreateAsync(created);
        await Poll.UntilAsync(() => _probe.Count("reconcile:sticky") == 1, "first reconcile");

        // Act
        await _client.DeleteAsync<Deployment>("sticky");
        await Poll.UntilAsync(() => _probe.Count("deleted:sticky") == 1, "deletion after the finalizer succeeded");

        // Assert
        Assert.That(_probe.Count("finalize:sticky"), Is.EqualTo(3));
    }

    [Test]
    public async Task OwnerReferences_ChildOfDeletedOwner_IsGarbageCollected()
    {
        // Arrange: the controller creates a ConfigMap owned by each Deployment.
        _probe.OnReconcile = async (d, ct) =>
        {
            var child = new ConfigMap { Metadata = new ObjectMeta { Name = d.Metadata.Name + "-config", Namespace = d.Metadata.Namespace } };
            OwnerReferences.SetController(child, d);
            try
            {
                await _client.CreateAsync(child, ct);
            }
            catch (KubernetesException ex) when (ex.IsAlreadyExists)
            {
            }

            return ReconcileResult.Done;
        };
        await StartAsync();
        await _client.CreateAsync(Deployment("parent"));
        await Poll.UntilAsync(() => _server.Get("v1", "ConfigMap", "default", "parent-config") is not null, "the child");

        // Act
        await _client.DeleteAsync<Deployment>("parent");
        await _server.WaitForAsync(() => _server.Get("v1", "ConfigMap", "default", "parent-config") is null, TimeSpan.FromSeconds(10), "garbage collection");

        // Assert
        var child = (await _client.ListAsync<ConfigMap>("default")).Items;
        Assert.That(child, Is.Empty);
    }

    [Test]
    public async Task OwnerReferences_ForegroundDeletion_OwnerWaitsForBlockingChild()
    {
        // Arrange
        var owner = await _client.CreateAsync(Deployment("owner"));
        var child = new ConfigMap { Metadata = new ObjectMeta { Name = "blocking", Namespace = "default", Finalizers = ["test.example.com/hold"] } };
        OwnerReferences.SetController(child, owner);
        await _client.CreateAsync(child);

        // Act
        await _client.DeleteAsync<Deployment>("owner", options: new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground });
        await _server.WaitForAsync(() => _server.Get("v1", "ConfigMap", "default", "blocking")?["metadata"]?["deletionTimestamp"] is not null, TimeSpan.FromSeconds(10));
        var ownerWhileBlocked = await _client.GetAsync<Deployment>("owner");
        var heldChild = (await _client.GetAsync<ConfigMap>("blocking"))!;
        await EntityFinalizers.DetachAsync(_client, heldChild, "test.example.com/hold", CancellationToken.None);
        await _server.WaitForAsync(() => _server.Get("apps/v1", "Deployment", "default", "owner") is null, TimeSpan.FromSeconds(10), "owner deleted after its child");

        // Assert
        Assert.That(ownerWhileBlocked!.Metadata.Finalizers, Does.Contain("foregroundDeletion"));
    }

    [Test]
    public void OwnerReferences_CrossNamespaceOwner_IsRejected()
    {
        // Arrange
        var owner = Deployment("o");
        owner.Metadata.Namespace = "a";
        owner.Metadata.Uid = "u";
        var dependent = new ConfigMap { Metadata = new ObjectMeta { Name = "d", Namespace = "b" } };

        // Act / Assert
        Assert.Throws<ArgumentException>(() => OwnerReferences.SetController(dependent, owner));
    }

    [Test]
    public async Task Reconcile_RequeueAfter_ReconcilesAgain()
    {
        // Arrange
        _probe.OnReconcile = (_, _) => Task.FromResult(_probe.Count("reconcile:") < 3 ? ReconcileResult.Requeue(TimeSpan.FromMilliseconds(50)) : ReconcileResult.Done);
        await StartAsync();

        // Act
        await _client.CreateAsync(Deployment("poller"));
        await Poll.UntilAsync(() => _probe.Count("reconcile:poller") == 3, "three reconciles");
        await Task.Delay(300);

        // Assert
        Assert.That(_probe.Count("reconcile:poller"), Is.EqualTo(3));
    }

    [Test]
    public async Task Reconcile_Throws_RetriedWithBackoffUntilItSucceeds()
    {
        // Arrange
        _probe.OnReconcile = (_, _) => _probe.Count("reconcile:") <= 2 ? throw new InvalidOperationException("boom") : Task.FromResult(ReconcileResult.Done);
        await StartAsync();

        // Act
        await _client.CreateAsync(Deployment("flaky"));
        await Poll.UntilAsync(() => _probe.Count("reconcile:flaky") == 3, "third attempt");
        await Task.Delay(300);

        // Assert
        Assert.That(_probe.Count("reconcile:flaky"), Is.EqualTo(3));
    }

    [Test]
    public async Task Deleted_Throws_RetriedWithBackoffUntilItSucceeds()
    {
        // Arrange
        _probe.OnDeleted = (_, _) => _probe.Count("deleted:") <= 2 ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        await StartAsync();
        await _client.CreateAsync(Deployment("gone"));
        await Poll.UntilAsync(() => _probe.Count("reconcile:gone") == 1, "created");

        // Act
        await _client.DeleteAsync<Deployment>("gone");

        // Assert
        await Poll.UntilAsync(() => _probe.Count("deleted:gone") == 3, "third attempt");
        await Task.Delay(300);
        Assert.That(_probe.Count("deleted:gone"), Is.EqualTo(3));
    }

    [Test]
    public async Task EventRecorder_SameEventTwice_AggregatesIntoOneEventWithCount()
    {
        // Arrange
        var subject = await _client.CreateAsync(Deployment("noisy"));
        var recorder = new EventRecorder(_client, new EventRecorderOptions { Component = "test-operator" });

        // Act
        await recorder.WarningAsync(subject, "ReconcileFailed", "the EPP Service is missing");
        await recorder.WarningAsync(subject, "ReconcileFailed", "the EPP Service is missing");
        await recorder.NormalAsync(subject, "Reconciled", "ok");

        // Assert
        var events = (await _client.ListAsync<Event>("default")).Items;
        var warning = events.Single(e => e.Reason == "ReconcileFailed");
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That((warning.Count, warning.Type, warning.InvolvedObject.Uid, warning.Source!.Component), Is.EqualTo((2, "Warning", subject.Metadata.Uid, "test-operator")));
    }

    private static Deployment Deployment(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec { Replicas = 1 },
    };

    private async Task StartAsync(bool withFinalizer = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(_probe);
        builder.Services.AddKubernetesClient(_ => FixtureClients.Config(_server));
        var runtime = builder.Services.AddKubernetesOperator().AddController<ProbeController, Deployment>(Fast);
        if (withFinalizer) runtime.AddFinalizer<ProbeFinalizer, Deployment>(ProbeFinalizer.Identifier);
        _host = builder.Build();
        await _host.StartAsync();
        var controller = _host.Services.GetRequiredService<EntityControllerHost<Deployment>>();
        await Poll.UntilAsync(() => controller.IsReconciling, "the controller to start");
    }
}
