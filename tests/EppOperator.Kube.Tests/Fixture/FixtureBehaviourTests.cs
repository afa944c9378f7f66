using System.Text.Json.Nodes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Entities.Core;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.Fixture;

/// <summary>Behaviours of the API server fixture that other suites rely on, checked through the real client.</summary>
public class FixtureBehaviourTests
{
    [Test]
    public async Task Tls_KubeconfigWithFixtureCa_VerifiesTheServerAndSendsTheToken()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true, BearerToken = "s3cret" });
        using var client = new KubernetesClient(KubeConfigLoader.Load(server.KubeconfigYaml(), "kubeconfig"));
        using var wrongToken = new KubernetesClient(KubeConfigLoader.Load(server.KubeconfigYaml(token: "wrong"), "kubeconfig"));

        // Act
        var list = await client.ListAsync<Namespace>();
        var denied = Assert.ThrowsAsync<KubernetesException>(() => wrongToken.ListAsync<Namespace>());

        // Assert
        Assert.That(server.BaseAddress.Scheme, Is.EqualTo("https"));
        Assert.That(list.Items.Select(n => n.Metadata.Name), Does.Contain("default"));
        Assert.That((denied!.StatusCode, denied.Reason), Is.EqualTo((401, "Unauthorized")));
    }

    [Test]
    public async Task Tls_ServerCertificateNotSignedByTheConfiguredCa_IsRejected()
    {
        // Arrange: a kubeconfig for a server with another CA.
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true });
        await using var other = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true });
        var config = KubeConfigLoader.Load(other.KubeconfigYaml(), "kubeconfig") with { Server = server.BaseAddress };
        using var client = new KubernetesClient(config);

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => client.ListAsync<Namespace>());

        // Assert
        Assert.That(error!.IsUnreachable, Is.True);
    }

    [Test]
    public async Task Tls_ClientCertificate_Authenticates()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true, BearerToken = "only-certificates-here" });
        var certificate = server.IssueClientCertificate("test-user");
        var yaml = server.KubeconfigYaml(token: null, clientCertificate: certificate).Replace("    token: only-certificates-here\n", "", StringComparison.Ordinal);
        using var client = new KubernetesClient(KubeConfigLoader.Load(yaml, "kubeconfig"));

        // Act
        var list = await client.ListAsync<Namespace>();

        // Assert
        Assert.That(list.Items, Is.Not.Empty);
    }

    [Test]
    public async Task TokenFile_Rotated_IsPickedUpAfterTheRefreshInterval()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BearerToken = "new-token" });
        var tokenFile = Path.GetTempFileName();
        File.WriteAllText(tokenFile, "old-token");
        var time = new ManualTimeProvider();
        var config = new KubeClientConfig { Server = server.BaseAddress, BearerTokenFile = tokenFile };
        using var client = new KubernetesClient(config, new KubernetesClientOptions { TokenRefreshInterval = TimeSpan.FromMinutes(1) }, timeProvider: time);

        // Act
        var before = Assert.ThrowsAsync<KubernetesException>(() => client.ListAsync<Namespace>());
        File.WriteAllText(tokenFile, "new-token\n");
        var stillCached = Assert.ThrowsAsync<KubernetesException>(() => client.ListAsync<Namespace>());
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await client.ListAsync<Namespace>();
        File.Delete(tokenFile);

        // Assert
        Assert.That((before!.StatusCode, stillCached!.StatusCode), Is.EqualTo((401, 401)));
        Assert.That(after.Items, Is.Not.Empty);
    }

    [Test]
    public async Task DeleteScheduledPod_StaysTerminatingUntilTheKubeletFinishes()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { PodTerminationDelay = null });
        using var client = FixtureClients.Create(server);
        await client.CreateAsync(new Pod { Metadata = new ObjectMeta { Name = "p" }, Spec = new PodSpec { NodeName = "node-1", Containers = [new Container { Name = "c", Image = "i" }] } });

        // Act
        var terminating = await client.DeleteAsync<Pod>("p");
        var completed = server.CompletePodTermination("default", "p");

        // Assert
        Assert.That(terminating!.Metadata.DeletionTimestamp, Is.Not.Null);
        Assert.That(terminating.Metadata.DeletionGracePeriodSeconds, Is.EqualTo(30));
        Assert.That(completed, Is.True);
        Assert.That(await client.GetAsync<Pod>("p"), Is.Null);
    }

    [Test]
    public async Task DeleteNamespace_DeletesItsContentsThenItself()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();
        using var client = FixtureClients.Create(server);
        await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "team" } });
        await client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a", Namespace = "team" } });

        // Act
        await client.DeleteAsync<Namespace>("team");
        await server.WaitForAsync(() => server.Get("v1", "Namespace", null, "team") is null, TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(server.List("v1", "ConfigMap", "team"), Is.Empty);
    }

    [Test]
    public async Task InferenceCrds_Installed_ServeTheirResources()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();

        // Act
        FixtureCrds.Install(server);

        // Assert
        Assert.That(server.List("inference.networking.k8s.io/v1", "InferencePool"), Is.Empty);
        foreach (var kind in new[] { "InferencePool", "InferenceObjective", "InferenceModelRewrite", "InferenceModel" })
        {
            Assert.That(server.List("inference.networking.x-k8s.io/v1alpha2", kind), Is.Empty, kind);
        }
    }

    [Test]
    public async Task DeleteCrd_RemovesItsCustomResources()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();
        FixtureCrds.Install(server, FixtureCrds.InferenceObjective);
        server.Create(JsonNode.Parse("""{"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferenceObjective","metadata":{"name":"o","namespace":"default"},"spec":{"priority":1,"poolRef":{"name":"p"}}}""")!.AsObject());

        // Act
        server.Delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, FixtureCrds.InferenceObjective);

        // Assert
        Assert.Throws<ArgumentException>(() => server.List("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective"));
    }

    [Test]
    public async Task BuiltInDefaults_DeploymentAndService_AreFilledLikeARealServer()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();
        using var client = FixtureClients.Create(server);
        var deployment = new Kube.Entities.Apps.Deployment
        {
            Metadata = new ObjectMeta { Name = "epp" },
            Spec = new Kube.Entities.Apps.DeploymentSpec
            {
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "epp" } },
                Template = new Kube.Entities.Apps.PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "epp" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "epp", Image = "epp:v1", Ports = [new ContainerPort { Port = 9002 }] }] },
                },
            },
        };

        // Act
        var created = await client.CreateAsync(deployment);
        var service = await client.CreateAsync(new Service { Metadata = new ObjectMeta { Name = "epp" }, Spec = new ServiceSpec { Ports = [new ServicePort { Port = 9002 }] } });

        // Assert
        var container = created.Spec!.Template.Spec!.Containers![0];
        Assert.That((created.Spec.Replicas, created.Spec.Strategy!.Type, created.Spec.Strategy.RollingUpdate!.MaxSurge!.Value.Text), Is.EqualTo((1, "RollingUpdate", "25%")));
        Assert.That((container.ImagePullPolicy, container.Ports![0].Protocol), Is.EqualTo(("IfNotPresent", "TCP")));
        Assert.That(created.Spec.Template.Spec.TerminationGracePeriodSeconds, Is.EqualTo(30));
        Assert.That(service.Spec!.ClusterIP, Does.StartWith("10.96."));
        Assert.That((service.Spec.Type, service.Spec.Ports![0].TargetPort!.Value.Number), Is.EqualTo(("ClusterIP", 9002)));
    }

    [Test]
    public async Task ImmutableField_DeploymentSelectorChange_IsRejected()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();
        using var client = FixtureClients.Create(server);
        var created = await client.CreateAsync(new Kube.Entities.Apps.Deployment
        {
            Metadata = new ObjectMeta { Name = "d" },
            Spec = new Kube.Entities.Apps.DeploymentSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "a" } } },
        });
        created.Spec!.Selector!.MatchLabels!["app"] = "b";

        // Act
        var error = Assert.ThrowsAsync<KubernetesException>(() => client.UpdateAsync(created));

        // Assert
        Assert.That((error!.StatusCode, error.Status!.Details!.Causes![0].Field), Is.EqualTo((422, "spec.selector")));
    }

    [Test]
    public async Task GenerateName_CreatesAUniqueName()
    {
        // Arrange
        await using var server = await KubeApiServer.StartAsync();
        using var client = FixtureClients.Create(server);

        // Act
        var created = await client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { GenerateName = "job-" } });

        // Assert
        Assert.That(created.Metadata.Name, Does.Match("^job-[a-z0-9]{5}$"));
    }
}
