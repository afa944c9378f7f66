using System.Text.Json.Nodes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Entities.ApiExtensions;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Serialization;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.Client;

public class KubernetesClientTests : FixtureTest
{

    [Test]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        // Act
        var pod = await Client.GetAsync<Pod>("nope", "default");

        // Assert
        Assert.That(pod, Is.Null);
    }

    [Test]
    public async Task CreateAsync_ThenGet_ReturnsServerAssignedMetadata()
    {
        // Arrange
        var map = new ConfigMap { Metadata = new ObjectMeta { Name = "settings" }, Data = new() { ["k"] = "v" } };

        // Act
        var created = await Client.CreateAsync(map);
        var read = await Client.GetAsync<ConfigMap>("settings");

        // Assert
        Assert.That(created.Metadata.Uid, Is.Not.Empty);
        Assert.That(created.Metadata.Namespace, Is.EqualTo("default"));
        Assert.That(read!.Metadata.ResourceVersion, Is.EqualTo(created.Metadata.ResourceVersion));
        Assert.That(read.Data!["k"], Is.EqualTo("v"));
    }

    [Test]
    public async Task CreateAsync_Existing_ThrowsAlreadyExists()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "dup" } });

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "dup" } }));

        // Assert
        Assert.That((error!.StatusCode, error.Reason, error.IsAlreadyExists, error.IsConflict), Is.EqualTo((409, "AlreadyExists", true, false)));
    }

    [Test]
    public async Task UpdateAsync_StaleResourceVersion_ThrowsConflict()
    {
        // Arrange
        var created = await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" }, Data = new() { ["a"] = "1" } });
        created.Data!["a"] = "2";
        await Client.UpdateAsync(created);
        created.Data["a"] = "3";

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => Client.UpdateAsync(created));

        // Assert
        Assert.That(error!.IsConflict, Is.True);
        Assert.That(error.Message, Does.Contain("the object has been modified"));
    }

    [Test]
    public async Task UpdateAsync_KeepsFieldsThisClientDoesNotModel()
    {
        // Arrange: another writer sets fields our Pod type does not know.
        Server.Create(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},
             "spec":{"containers":[{"name":"c","image":"i","tty":true}],"priorityClassName":"high"}}
            """)!.AsObject());
        var pod = await Client.GetAsync<Pod>("p");
        pod!.Metadata.Labels = new() { ["touched"] = "yes" };

        // Act
        await Client.UpdateAsync(pod);

        // Assert
        var stored = Server.Get("v1", "Pod", "default", "p")!;
        Assert.That(stored["spec"]!["priorityClassName"]!.GetValue<string>(), Is.EqualTo("high"));
        Assert.That(stored["spec"]!["containers"]![0]!["tty"]!.GetValue<bool>(), Is.True);
        Assert.That(stored["metadata"]!["labels"]!["touched"]!.GetValue<string>(), Is.EqualTo("yes"));
    }

    [Test]
    public async Task UpdateStatusAsync_ChangesOnlyStatus_AndKeepsGeneration()
    {
        // Arrange
        var deployment = await Client.CreateAsync(new Deployment { Metadata = new ObjectMeta { Name = "d" }, Spec = new DeploymentSpec { Replicas = 1 } });
        deployment.Spec!.Replicas = 5;
        deployment.Status = new DeploymentStatus { ReadyReplicas = 1, ObservedGeneration = 1 };

        // Act
        var updated = await Client.UpdateStatusAsync(deployment);

        // Assert
        Assert.That(updated.Status!.ReadyReplicas, Is.EqualTo(1));
        Assert.That(updated.Spec!.Replicas, Is.EqualTo(1), "the status endpoint ignores spec");
        Assert.That(updated.Metadata.Generation, Is.EqualTo(1));
    }

    [Test]
    public async Task UpdateAsync_SpecChange_BumpsGeneration_StatusInBodyIgnored()
    {
        // Arrange
        var deployment = await Client.CreateAsync(new Deployment { Metadata = new ObjectMeta { Name = "d" }, Spec = new DeploymentSpec { Replicas = 1 } });
        deployment.Spec!.Replicas = 2;
        deployment.Status = new DeploymentStatus { ReadyReplicas = 9 };

        // Act
        var updated = await Client.UpdateAsync(deployment);

        // Assert
        Assert.That(updated.Metadata.Generation, Is.EqualTo(2));
        Assert.That(updated.Status, Is.Null);
    }

    [Test]
    public async Task MergePatchAsync_SetsAndRemovesKeys()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm", Labels = new() { ["a"] = "1", ["b"] = "2" } } });

        // Act
        var patched = await Client.MergePatchAsync<ConfigMap>("cm", null, JsonNode.Parse("""{"metadata":{"labels":{"a":null,"c":"3"}}}""")!);

        // Assert
        Assert.That(patched.Metadata.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }));
    }

    [Test]
    public async Task ApplyAsync_CreatesThenUpdates_AndReportsConflictsWithOtherManagers()
    {
        // Arrange
        var desired = new ConfigMap { Metadata = new ObjectMeta { Name = "applied", Namespace = "default" }, Data = new() { ["owned"] = "1" } };

        // Act
        var created = await Client.ApplyAsync(desired, "operator");
        desired.Data["owned"] = "2";
        var updated = await Client.ApplyAsync(desired, "operator");
        desired.Data["owned"] = "3";
        var conflict = Assert.ThrowsAsync<KubernetesException>(() => Client.ApplyAsync(desired, "someone-else"));
        var forced = await Client.ApplyAsync(desired, "someone-else", force: true);

        // Assert
        Assert.That(created.Data!["owned"], Is.EqualTo("1"));
        Assert.That(updated.Data!["owned"], Is.EqualTo("2"));
        Assert.That(conflict!.StatusCode, Is.EqualTo(409));
        Assert.That(conflict.Message, Does.Contain("conflict with \"operator\""));
        Assert.That(forced.Data!["owned"], Is.EqualTo("3"));
    }

    [Test]
    public async Task ApplyAsync_FieldDroppedFromConfiguration_IsRemoved()
    {
        // Arrange
        var desired = new ConfigMap { Metadata = new ObjectMeta { Name = "applied", Namespace = "default" }, Data = new() { ["keep"] = "1", ["drop"] = "2" } };
        await Client.ApplyAsync(desired, "operator");
        desired.Data.Remove("drop");

        // Act
        var result = await Client.ApplyAsync(desired, "operator");

        // Assert
        Assert.That(result.Data!.Keys, Is.EquivalentTo(new[] { "keep" }));
    }

    [Test]
    public async Task ListAllAsync_SmallPages_FollowsContinueTokensWithOneSnapshotVersion()
    {
        // Arrange
        for (var i = 0; i < 7; i++) await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = $"cm-{i}" } });

        // Act
        var all = await Client.ListAllAsync<ConfigMap>("default", new ListOptions { Limit = 3 });

        // Assert
        Assert.That(all.Items.Select(c => c.Metadata.Name), Is.EqualTo(Enumerable.Range(0, 7).Select(i => $"cm-{i}")));
        Assert.That(all.Items.All(c => c.Kind == "ConfigMap" && c.ApiVersion == "v1"), Is.True, "list items get their type restored");
        Assert.That(Server.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/configmaps", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public async Task ListAllAsync_ContinueTokenExpires_RestartsFromTheFirstPage()
    {
        // Arrange
        for (var i = 0; i < 4; i++) await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = $"cm-{i}" } });
        var first = await Client.ListAsync<ConfigMap>("default", new ListOptions { Limit = 2 });
        Server.CompactHistory();

        // Act
        var expired = Assert.ThrowsAsync<KubernetesException>(() => Client.ListAsync<ConfigMap>("default", new ListOptions { Limit = 2, Continue = first.Continue }));
        var all = await Client.ListAllAsync<ConfigMap>("default", new ListOptions { Limit = 2 });

        // Assert
        Assert.That(expired!.IsGone, Is.True);
        Assert.That(all.Items, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task ListAsync_LabelAndFieldSelectors_FilterServerSide()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a", Labels = new() { ["tier"] = "web" } } });
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "b", Labels = new() { ["tier"] = "db" } } });
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } });

        // Act
        var web = await Client.ListAsync<ConfigMap>("default", new ListOptions { LabelSelector = "tier in (web,cache)" });
        var notDb = await Client.ListAsync<ConfigMap>("default", new ListOptions { LabelSelector = "tier!=db" });
        var byName = await Client.ListAsync<ConfigMap>("default", new ListOptions { FieldSelector = "metadata.name=b" });

        // Assert
        Assert.That(web.Items.Select(i => i.Metadata.Name), Is.EqualTo(new[] { "a" }));
        Assert.That(notDb.Items.Select(i => i.Metadata.Name), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(byName.Items.Select(i => i.Metadata.Name), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task DeleteAsync_WithFinalizer_SetsDeletionTimestamp_UntilFinalizerRemoved()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "held", Finalizers = ["example.com/cleanup"] } });

        // Act
        var pending = await Client.DeleteAsync<ConfigMap>("held");
        var stillThere = await Client.GetAsync<ConfigMap>("held");
        stillThere!.Metadata.Finalizers = null;
        await Client.UpdateAsync(stillThere);
        var afterRelease = await Client.GetAsync<ConfigMap>("held");

        // Assert
        Assert.That(pending!.Metadata.DeletionTimestamp, Is.Not.Null);
        Assert.That(stillThere.Metadata.DeletionTimestamp, Is.Not.Null);
        Assert.That(afterRelease, Is.Null);
    }

    [Test]
    public async Task DeleteAsync_Missing_ReturnsNull()
    {
        // Act
        var result = await Client.DeleteAsync<ConfigMap>("never-existed");

        // Assert
        Assert.That(result, Is.Null);
    }

    [Test]
    public async Task DeleteAsync_PreconditionUidMismatch_ThrowsConflict()
    {
        // Arrange
        await Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" } });

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => Client.DeleteAsync<ConfigMap>("cm", options: new DeleteOptions { PreconditionUid = "other" }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(409));
    }

    [Test]
    public async Task CreateAsync_InvalidCustomResource_Returns422WithFieldCauses()
    {
        // Arrange
        await InstallInferencePoolCrdAsync();
        var pool = new V1InferencePool { Metadata = new ObjectMeta { Name = "bad" } };
        pool.Spec.Selector.MatchLabels["app"] = "x";
        pool.Spec.TargetPorts.Add(new V1Port { Number = 70000 });

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => Client.CreateAsync(pool));

        // Assert
        Assert.That((error!.StatusCode, error.Reason), Is.EqualTo((422, "Invalid")));
        Assert.That(error.Status!.Details!.Causes!.Select(c => c.Field), Is.EqualTo(new[] { "spec.targetPorts[0].number" }));
    }

    [Test]
    public async Task CreateAsync_CustomResource_DefaultsApplied_UnknownFieldsPruned()
    {
        // Arrange
        await InstallInferencePoolCrdAsync();
        var pool = new V1InferencePool { Metadata = new ObjectMeta { Name = "pool" } };
        pool.Spec.Selector.MatchLabels["app"] = "x";
        pool.Spec.TargetPorts.Add(new V1Port { Number = 8000 });
        pool.Spec.EndpointPickerRef = new V1EndpointPickerRef { Name = "epp", Port = new V1Port { Number = 9002 } };
        pool.Spec.ExtensionData = new() { ["notInSchema"] = System.Text.Json.JsonDocument.Parse("1").RootElement };

        // Act
        var created = await Client.CreateAsync(pool);

        // Assert
        Assert.That(created.Spec.AppProtocol, Is.EqualTo("http"));
        Assert.That(created.Spec.EndpointPickerRef!.FailureMode, Is.EqualTo(InferenceFailureMode.FailClose));
        Assert.That(created.Spec.ExtensionData, Is.Null.Or.Empty);
    }

    [Test]
    public async Task AnyCall_UnreachableServer_ThrowsUnreachableWithTheAddress()
    {
        // Arrange: a port nothing listens on.
        var port = EppOperator.Testing.Net.FreePort.Next();
        using var client = new KubernetesClient(new KubeClientConfig { Server = new Uri($"http://127.0.0.1:{port}") });

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => client.GetAsync<Pod>("p", "default"));

        // Assert
        Assert.That(error!.IsUnreachable, Is.True);
        Assert.That(error.Message, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task AnyCall_InjectedServerError_CarriesStatusCodeAndReason()
    {
        // Arrange
        Server.FailRequests(1, 503);

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => Client.ListAsync<Pod>("default"));
        var next = await Client.ListAsync<Pod>("default");

        // Assert
        Assert.That((error!.StatusCode, error.Reason), Is.EqualTo((503, "ServiceUnavailable")));
        Assert.That(next.Items, Is.Empty);
    }

    [Test]
    public async Task IsServedAsync_ReflectsInstalledCrds()
    {
        // Act
        var before = await Client.IsServedAsync<V1InferencePool>();
        await InstallInferencePoolCrdAsync();
        var after = await Client.IsServedAsync<V1InferencePool>();
        var legacy = await Client.IsServedAsync<V1Alpha2InferencePool>();
        var pods = await Client.IsServedAsync<Pod>();

        // Assert
        Assert.That((before, after, legacy, pods), Is.EqualTo((false, true, false, true)));
    }

    private async Task InstallInferencePoolCrdAsync()
    {
        var crd = System.Text.Json.JsonSerializer.Deserialize(YamlJson.Parse(FixtureCrds.Yaml(FixtureCrds.InferencePoolV1))!.ToJsonString(), CustomResourceDefinition.JsonTypeInfo)!;
        await Client.CreateAsync(crd);
    }
}
