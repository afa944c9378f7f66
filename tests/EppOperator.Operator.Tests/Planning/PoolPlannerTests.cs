using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Tests.Planning;

public class PoolPlannerTests
{
    private static readonly OperatorSettings Settings = new();

    [TestCase(null, "does not exist")]
    [TestCase("ExternalName", "ExternalName")]
    [TestCase("ClusterIP:9999", "has no port 9002")]
    public void Plan_ForeignPickerUnusable_ResolvedRefsInvalidExtensionRef(string? service, string message)
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool("their-epp", new() { [OperatorConstants.DataPlaneAnnotation] = "envoy" });
        ServiceFacts? facts = service switch
        {
            null => null,
            "ExternalName" => new ServiceFacts("ExternalName", [9002], false),
            _ => new ServiceFacts("ClusterIP", [9999], false),
        };

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { EppService = facts }, Settings);

        // Assert
        Assert.That(plan.ResolvedRefs.Status, Is.EqualTo("False"));
        Assert.That(plan.ResolvedRefs.Reason, Is.EqualTo("InvalidExtensionRef"));
        Assert.That(plan.ResolvedRefs.Message, Does.Contain(message));
        Assert.That(plan.Accepted.IsTrue, Is.True);
        Assert.That(plan.Children.OfType<Deployment>().Select(d => d.Metadata.Name), Is.EqualTo(new[] { "vllm-envoy" }), "only the data plane; never a picker for someone else's pool");
    }

    [Test]
    public void Plan_ManagedPickerNameTakenByAForeignService_NoServiceAndInvalidExtensionRef()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool("picker", new() { [OperatorConstants.ManagedEppAnnotation] = "true" });

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { EppService = new ServiceFacts("ClusterIP", [9002], ManagedForPool: false) }, Settings);

        // Assert
        Assert.That(plan.ResolvedRefs.Reason, Is.EqualTo("InvalidExtensionRef"));
        Assert.That(plan.Children.OfType<Service>(), Is.Empty, "the foreign Service is not overwritten");
        Assert.That(plan.Children.OfType<Deployment>().ToList(), Has.Count.EqualTo(1));
    }

    [TestCase("envoy-gateway", false, false, true, "NotSupportedByParent")]
    [TestCase("istio", true, true, false, "NotSupportedByParent")]
    [TestCase("envoy", false, false, false, "Accepted")]
    public void Plan_DataPlaneCrdsMissing_NotSupportedByParent(string plane, bool gatewayApi, bool envoyGateway, bool istio, string reason)
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = plane });

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { Support = new DataPlaneSupport(gatewayApi, envoyGateway, istio) }, Settings);

        // Assert
        Assert.That(plan.Accepted.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Plan_EnvoyGatewayTwoRoutes_OnePolicyPerRouteAndGatewayParents()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "envoy-gateway" });
        var routes = new[] { Route("a", "models", "gw-1"), Route("b", "other", "gw-2", gatewayNamespace: "edge"), Route("unrelated", "models", "gw-1", pool: "another") };

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { Routes = routes, CaCertificatePem = "PEM" }, Settings);

        // Assert
        Assert.That(plan.Children.OfType<EnvoyExtensionPolicy>().Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"), Is.EquivalentTo(new[] { "models/a-vllm-epp", "other/b-vllm-epp" }));
        Assert.That(plan.Children.OfType<EnvoyGatewayBackend>().Select(b => b.Metadata.Namespace), Is.EquivalentTo(new[] { "models", "other" }));
        Assert.That(plan.Parents.Select(p => p.ToString()), Is.EquivalentTo(new[] { "Gateway models/gw-1", "Gateway edge/gw-2" }));
        Assert.That(plan.Children.OfType<EnvoyExtensionPolicy>().Single(p => p.Metadata.Namespace == "other").Metadata.OwnerReferences, Is.Null);
    }

    [Test]
    public void Plan_EnvoyGatewayRouteToTheShadowService_PickerAndEndpointOverride()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "envoy-gateway" });
        var route = Route("a", "models", "gw");
        route.Spec.Rules![0].BackendRefs = [new RouteBackendReference { Name = "vllm-shadow", Port = 8000 }];

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { Routes = [route] }, Settings);

        // Assert
        Assert.That(plan.Children.OfType<EnvoyExtensionPolicy>().Select(p => p.Metadata.Name), Is.EqualTo(new[] { "a-vllm-epp" }));
        var lb = plan.Children.OfType<EnvoyGatewayBackendTrafficPolicy>().Single();
        Assert.That(lb.Spec!["loadBalancer"]!["type"]!.GetValue<string>(), Is.EqualTo("RoundRobin"));
        Assert.That(plan.Children.OfType<Service>().Select(s => s.Metadata.Name), Does.Contain("vllm-shadow"));
        Assert.That(plan.Warnings, Has.None.Contains("cannot route InferencePool backends"));
    }

    [Test]
    public void Plan_EnvoyAiGatewayInstalled_NoSecondPickerOnPoolRoutesAndTheReferenceIsNeeded()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "envoy-gateway" });
        var support = new DataPlaneSupport(GatewayApi: true, EnvoyGateway: true, Istio: false, EnvoyAiGateway: true);

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { Routes = [Route("a", "models", "gw")], Support = support }, Settings);

        // Assert
        Assert.That(plan.Children.OfType<EnvoyExtensionPolicy>(), Is.Empty, "Envoy Gateway calls the picker itself for InferencePool backends");
        Assert.That(plan.Accepted.Reason, Is.EqualTo("EndpointPickerRefMissing"));
        Assert.That(plan.Accepted.Message, Does.Contain("{name: vllm-epp, port: {number: 9002}}"));
        Assert.That(plan.Children.OfType<Deployment>().Select(d => d.Metadata.Name), Does.Contain("vllm-epp"), "the picker still runs, ready for the reference");
    }

    [Test]
    public void Plan_IstioWithoutReference_EndpointPickerRefMissing()
    {
        // Act
        var unset = PoolPlanner.Plan(PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "istio" }), new PoolFacts(), Settings);
        var set = PoolPlanner.Plan(PoolIntentResolverTests.Pool("vllm-epp", new() { [OperatorConstants.DataPlaneAnnotation] = "istio", [OperatorConstants.ManagedEppAnnotation] = "true" }), new PoolFacts(), Settings);

        // Assert
        Assert.That(unset.Accepted.Reason, Is.EqualTo("EndpointPickerRefMissing"));
        Assert.That(set.Accepted.Reason, Is.EqualTo("Accepted"));
    }

    [Test]
    public void Plan_FailOpenOnEnvoyGateway_WarnsThatItFailsClosed()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "envoy-gateway" }) with
        {
            EppRef = null,
        };
        pool = pool with { EppRef = new Pools.EppReference("", "Service", "vllm-epp", 9002, "FailOpen"), Annotations = new Dictionary<string, string>(pool.Annotations) { [OperatorConstants.ManagedEppAnnotation] = "true" } };

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts(), Settings);

        // Assert
        Assert.That(plan.Warnings, Has.Some.Contains("FailOpen cannot be honoured"));
    }

    [Test]
    public void Plan_IstioVerifiedTls_CaSecretInPoolAndGatewayNamespaces()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.DataPlaneAnnotation] = "istio" });

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts { Routes = [Route("a", "models", "gw", gatewayNamespace: "istio-ingress")], CaCertificatePem = "PEM" }, Settings);

        // Assert
        var rule = plan.Children.OfType<IstioDestinationRule>().Single();
        Assert.That(rule.Spec!["host"]!.GetValue<string>(), Is.EqualTo("vllm-epp.models.svc.cluster.local"));
        Assert.That(rule.Spec["trafficPolicy"]!["tls"]!["credentialName"]!.GetValue<string>(), Is.EqualTo("vllm-epp-ca"));
        Assert.That(plan.Children.OfType<Secret>().Where(s => s.Metadata.Name == "vllm-epp-ca").Select(s => s.Metadata.Namespace), Is.EquivalentTo(new[] { "models", "istio-ingress" }));
    }

    [Test]
    public void Plan_TwoReplicas_LeaderElectionAndLeaseRules()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.EppReplicasAnnotation] = "2" });

        // Act
        var plan = PoolPlanner.Plan(pool, new PoolFacts(), Settings);

        // Assert
        var deployment = plan.Children.OfType<Deployment>().Single();
        Assert.That(deployment.Spec!.Replicas, Is.EqualTo(2));
        Assert.That(deployment.Spec.Strategy!.Type, Is.EqualTo("Recreate"));
        Assert.That(deployment.Spec.Template.Spec!.Containers![0].Args, Does.Contain("--ha-enable-leader-election"));
        Assert.That(plan.Children.OfType<Kube.Entities.Rbac.Role>().Single().Rules!.SelectMany(r => r.Resources!), Does.Contain("leases"));
    }

    [Test]
    public void Plan_UserConfigMap_MountedInsteadOfTheDefault()
    {
        // Arrange
        var pool = PoolIntentResolverTests.Pool(null, new() { [OperatorConstants.EppConfigAnnotation] = "tuned/picker.yaml" });

        // Act
        var missing = PoolPlanner.Plan(pool, new PoolFacts(), Settings);
        var present = PoolPlanner.Plan(pool, new PoolFacts { UserEppConfigHash = "abc" }, Settings);

        // Assert
        Assert.That(missing.ResolvedRefs.Message, Does.Contain("ConfigMap models/tuned"));
        Assert.That(present.ResolvedRefs.IsTrue, Is.True);
        Assert.That(present.Children.OfType<ConfigMap>().Select(c => c.Metadata.Name), Has.None.EqualTo("vllm-epp-config"));
        var pod = present.Children.OfType<Deployment>().Single().Spec!.Template;
        Assert.That(pod.Spec!.Volumes!.Single(v => v.Name == "config").ConfigMap!.Name, Is.EqualTo("tuned"));
        Assert.That(pod.Spec.Containers![0].Args, Does.Contain("/etc/epp/config/picker.yaml"));
        Assert.That(pod.Metadata!.Annotations![OperatorConstants.ConfigHashAnnotation], Is.EqualTo("abc"));
    }

    [Test]
    public void Plan_PickerPod_IsHardened()
    {
        // Act
        var pod = PoolPlanner.Plan(PoolIntentResolverTests.Pool(null, []), new PoolFacts(), Settings).Children.OfType<Deployment>().Single().Spec!.Template.Spec!;

        // Assert
        var container = pod.Containers![0];
        Assert.That(pod.SecurityContext!.RunAsNonRoot, Is.True);
        Assert.That(container.SecurityContext!.ReadOnlyRootFilesystem, Is.True);
        Assert.That(container.SecurityContext.AllowPrivilegeEscalation, Is.False);
        Assert.That(container.SecurityContext.Capabilities!.Drop, Is.EqualTo(new[] { "ALL" }));
        Assert.That(container.ReadinessProbe!.Grpc!.Port, Is.EqualTo(9003));
        Assert.That(container.LivenessProbe!.Grpc!.Service, Is.EqualTo("liveness"));
        Assert.That(container.Resources!.Requests, Is.Not.Empty);
    }

    private static HttpRoute Route(string name, string ns, string gateway, string pool = "vllm", string? gatewayNamespace = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new HttpRouteSpec
        {
            ParentRefs = [new RouteParentReference { Name = gateway, Namespace = gatewayNamespace }],
            Rules = [new HttpRouteRule { BackendRefs = [new RouteBackendReference { Group = "inference.networking.k8s.io", Kind = "InferencePool", Name = pool, Namespace = "models" }] }],
        },
    };
}
