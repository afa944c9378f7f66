using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Reconcile;

/// <summary>The operator against the API server fixture, driven by kubectl applying the examples.</summary>
[NonParallelizable]
public class ReconcileTests : OperatorTestBase
{
    [Test]
    public async Task ApplyExamples_EnvoyDataPlane_CreatesChildrenStatusAndNoWritesOnReapply()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { DefaultDataPlane = DataPlane.Envoy });
        string[] examples = ["inferencepool-v1.yaml", "inferencepool-v1alpha2.yaml", "inferencemodel.yaml", "inferenceobjectives.yaml", "inferencemodelrewrite.yaml", "httproute.yaml"];

        // Act
        await Fixture.ApplyExampleAsync(examples);
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
        Assert.That(Fixture.Server.Get("v1", "Secret", "epp-operator-system", "epp-operator-ca"), Is.Not.Null);

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
        Fixture.Server.ClearRequests();
        var second = await Fixture.ApplyExampleAsync(examples);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert: nothing changed, nothing was written.
        Assert.That(second, Does.Contain("unchanged").And.Not.Contain("configured"));
        Assert.That(Fixture.OperatorWrites(), Is.Empty, "the operator must not write when nothing changed");
    }

    [Test]
    public async Task DeletePool_EnvoyGatewayRouteToTheShadowServiceInAnotherNamespace_RemovesSameAndCrossNamespaceChildren()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { DefaultDataPlane = DataPlane.EnvoyGateway });
        var route = Fixture.WriteFile("route.yaml", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: llm-route
              namespace: gateways
            spec:
              parentRefs:
              - name: inference-gateway
              rules:
              - backendRefs:
                - name: vllm-llama3-shadow
                  namespace: default
                  port: 8000
            """);
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Fixture.Kubectl.MustAsync("apply", "-f", route);
        await Poll.UntilAsync(() => Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy", "gateways", "llm-route-vllm-llama3-epp") is not null, "extension policy in the route's namespace");
        var policy = Get("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy", "llm-route-vllm-llama3-epp", "gateways");
        Assert.That(policy["spec"]!["extProc"]![0]!["processingMode"]!["request"]!["body"]!.GetValue<string>(), Is.EqualTo("FullDuplexStreamed"));
        Assert.That(policy["metadata"]!["ownerReferences"], Is.Null, "owner references cannot cross namespaces");
        Assert.That(Get("gateway.envoyproxy.io/v1alpha1", "Backend", "vllm-llama3-epp", "gateways")["spec"]!["tls"]!["caCertificateRefs"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("vllm-llama3-epp-ca"));
        Assert.That(Get("v1", "ConfigMap", "vllm-llama3-epp-ca", "gateways")["data"]!["ca.crt"]!.GetValue<string>(), Does.StartWith("-----BEGIN CERTIFICATE-----"));
        var endpointOverride = Get("gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy", "llm-route-vllm-llama3-lb", "gateways");
        Assert.That(endpointOverride["spec"]!["loadBalancer"]!["endpointOverride"]!["extractFrom"]![0]!["header"]!.GetValue<string>(), Is.EqualTo("x-gateway-destination-endpoint"));
        Assert.That(Get("v1", "Service", "vllm-llama3-shadow")["spec"]!["clusterIP"]!.GetValue<string>(), Is.EqualTo("None"));
        await Poll.UntilAsync(() => Pool(V1, "vllm-llama3")?["status"]?["parents"]?[0]?["parentRef"]?["kind"]?.GetValue<string>() == "Gateway", "the route's Gateway is the parent");
        Assert.That(Pool(V1, "vllm-llama3")!["status"]!["parents"]![0]!["parentRef"]!["namespace"]!.GetValue<string>(), Is.EqualTo("gateways"));

        await QuietAsync();

        // Act
        await Fixture.Kubectl.MustAsync("delete", "-f", RepoPaths.Example("inferencepool-v1.yaml"));

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-epp") is null, "picker deployment collected");
        await Poll.UntilAsync(() => Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy", "gateways", "llm-route-vllm-llama3-epp") is null, "cross-namespace policy deleted");
        await Poll.UntilAsync(
            () => Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "Backend", "gateways", "vllm-llama3-epp") is null && Fixture.Server.Get("v1", "ConfigMap", "gateways", "vllm-llama3-epp-ca") is null
                && Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy", "gateways", "llm-route-vllm-llama3-lb") is null,
            "cross-namespace backend and CA bundle deleted");
        Assert.That(Fixture.Server.List("v1", "Service", "default").Where(s => s["metadata"]?["labels"]?["app.kubernetes.io/managed-by"]?.GetValue<string>() == "epp-operator"), Is.Empty);
    }

    [Test]
    public async Task IstioDataPlane_ManagedPickerWithReference_VerifyingDestinationRuleAndCaInGatewayNamespace()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { DefaultDataPlane = DataPlane.Istio });
        var pool = Fixture.WriteFile("pool.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata:
              name: mesh
              annotations:
                eppoperator.io/managed-epp: "true"
            spec:
              selector: {matchLabels: {app: mesh}}
              targetPorts: [{number: 8000}]
              endpointPickerRef: {name: mesh-picker, port: {number: 9002}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: mesh-route}
            spec:
              parentRefs: [{name: ingress, namespace: gateways}]
              rules: [{backendRefs: [{group: inference.networking.k8s.io, kind: InferencePool, name: mesh}]}]
            """);

        // Act
        await Fixture.Kubectl.MustAsync("apply", "-f", pool);

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("networking.istio.io/v1", "DestinationRule", "default", "mesh-picker-tls") is not null, "destination rule");
        var tls = Get("networking.istio.io/v1", "DestinationRule", "mesh-picker-tls")["spec"]!["trafficPolicy"]!["tls"]!;
        Assert.That(tls["mode"]!.GetValue<string>(), Is.EqualTo("SIMPLE"));
        Assert.That(tls["sni"]!.GetValue<string>(), Is.EqualTo("mesh-picker.default.svc"));
        Assert.That(tls["insecureSkipVerify"], Is.Null, "the picker's certificate is verified");
        await Poll.UntilAsync(() => Fixture.Server.Get("v1", "Secret", "gateways", "mesh-epp-ca") is not null, "CA bundle in the Gateway's namespace");
        Assert.That(Get("v1", "Service", "mesh-picker")["spec"]!["ports"]![0]!["appProtocol"]!.GetValue<string>(), Is.EqualTo("grpc"));
        await Poll.UntilAsync(() => Accepted("mesh") == "True", "accepted");
        await QuietAsync();
    }

    [Test]
    public async Task ForeignPicker_MissingService_ResolvedRefsFalseThenTrueWhenTheServiceAppears()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { UnresolvedRetry = TimeSpan.FromMilliseconds(300) });
        var pool = Fixture.WriteFile("pool.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata:
              name: external
              annotations:
                eppoperator.io/data-plane: envoy
            spec:
              selector:
                matchLabels: {app: external}
              targetPorts: [{number: 8000}]
              endpointPickerRef:
                name: their-epp
                port: {number: 9002}
                failureMode: FailOpen
            """);

        // Act
        await Fixture.Kubectl.MustAsync("apply", "-f", pool);
        await Poll.UntilAsync(() => Condition(Pool(V1, "external"), "ResolvedRefs") == "False", "ResolvedRefs=False");

        // Assert
        var parent = Pool(V1, "external")!["status"]!["parents"]![0]!;
        var resolved = parent["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "ResolvedRefs")!;
        Assert.That(resolved["reason"]!.GetValue<string>(), Is.EqualTo("InvalidExtensionRef"));
        Assert.That(resolved["message"]!.GetValue<string>(), Does.Contain("their-epp"));
        Assert.That(Fixture.Server.Get("apps/v1", "Deployment", "default", "external-epp"), Is.Null, "someone else's picker is never created or claimed");
        Assert.That(Get("v1", "ConfigMap", "external-envoy")["data"]!["envoy.yaml"]!.GetValue<string>(), Does.Contain("failure_mode_allow: false"), "an unresolved picker fails closed");

        // Act: the picker Service appears.
        await Fixture.Kubectl.MustAsync("apply", "-f", Fixture.WriteFile("service.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: their-epp}
            spec:
              selector: {app: their-epp}
              ports: [{name: grpc, port: 9002, targetPort: 9002}]
            """));

        // Assert
        await Poll.UntilAsync(() => Condition(Pool(V1, "external"), "ResolvedRefs") == "True", "ResolvedRefs=True once the Service exists");
        await Poll.UntilAsync(() => Get("v1", "ConfigMap", "external-envoy")["data"]!["envoy.yaml"]!.GetValue<string>().Contains("failure_mode_allow: true", StringComparison.Ordinal), "FailOpen honoured once resolved");
    }

    [Test]
    public async Task PoolOfAnotherImplementation_NoAnnotations_LeftAlone()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { DefaultDataPlane = DataPlane.Envoy });
        var pool = Fixture.WriteFile("pool.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: theirs}
            spec:
              selector: {matchLabels: {app: theirs}}
              targetPorts: [{number: 8000}]
              endpointPickerRef: {name: their-epp, port: {number: 9002}}
            """);

        // Act
        await Fixture.Kubectl.MustAsync("apply", "-f", pool);
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Condition(Pool(V1, "vllm-llama3"), "Accepted") == "True", "our pool reconciled (theirs was queued first)");

        // Assert
        Assert.That(Pool(V1, "theirs")!["status"]?["parents"]?.AsArray() ?? [], Is.Empty);
        Assert.That(Fixture.Server.List("apps/v1", "Deployment", "default").Select(d => d["metadata"]!["name"]!.GetValue<string>()), Has.None.StartsWith("theirs"));
    }

    [Test]
    public async Task DuplicateModelName_LaterModelInUse_TakesOverWhenTheHolderIsDeleted()
    {
        // Arrange
        await StartOperatorAsync();
        await Fixture.ApplyExampleAsync("inferencepool-v1alpha2.yaml", "inferencemodel.yaml");
        await Poll.UntilAsync(() => ModelCondition("InferenceModel", "llama3-chat", "Ready") == "True", "first model ready");
        var duplicate = Fixture.WriteFile("duplicate.yaml", """
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModel
            metadata: {name: llama3-chat-copy}
            spec:
              modelName: llama3-chat
              poolRef: {name: vllm-legacy}
            """);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // creation timestamps have second precision
        await Fixture.Kubectl.MustAsync("apply", "-f", duplicate);

        // Assert
        await Poll.UntilAsync(() => ModelCondition("InferenceModel", "llama3-chat-copy", "Ready") == "False", "duplicate rejected");
        var condition = Fixture.Server.Get(V1Alpha2, "InferenceModel", "default", "llama3-chat-copy")!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.That(condition["reason"]!.GetValue<string>(), Is.EqualTo("ModelNameInUse"));
        Assert.That(condition["message"]!.GetValue<string>(), Does.Contain("llama3-chat"));
        Assert.That(ModelCondition("InferenceModel", "llama3-chat", "Ready"), Is.EqualTo("True"), "the oldest keeps the name");

        // Act: the holder goes away.
        await Fixture.Kubectl.MustAsync("delete", "-f", RepoPaths.Example("inferencemodel.yaml"));

        // Assert
        await Poll.UntilAsync(() => ModelCondition("InferenceModel", "llama3-chat-copy", "Ready") == "True", "the next oldest takes over");
    }

    [Test]
    public async Task InvalidObjects_SchemaViolationsRejectedByTheServer_CelOnlyRulesReportedByTheOperator()
    {
        // Arrange
        await StartOperatorAsync();
        var schemaInvalid = Fixture.WriteFile("schema-invalid.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: bad}
            spec:
              selector: {matchLabels: {app: bad}}
              targetPorts: [{number: 70000}]
              endpointPickerRef: {name: x, port: {number: 9002}, failureMode: Sometimes}
            """);
        var celInvalid = Fixture.WriteFile("cel-invalid.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: doubled}
            spec:
              selector: {matchLabels: {app: doubled}}
              targetPorts: [{number: 8000}, {number: 8000}]
            ---
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModelRewrite
            metadata: {name: half-weighted}
            spec:
              poolRef: {name: doubled}
              rules:
              - targets:
                - {modelRewrite: a, weight: 10}
                - {modelRewrite: b}
            """);

        // Act
        var rejected = await Fixture.Kubectl.RunAsync("apply", "-f", schemaInvalid);
        await Fixture.Kubectl.MustAsync("apply", "-f", celInvalid);

        // Assert: the fixture evaluates the OpenAPI part of our CRDs.
        Assert.That(rejected.ExitCode, Is.Not.Zero);
        Assert.That(rejected.StandardError, Does.Contain("spec.targetPorts[0].number").And.Contain("Unsupported value: \"Sometimes\""));

        // Assert: CEL rules (not evaluated by the fixture) are enforced by the operator with conditions.
        await Poll.UntilAsync(() => Condition(Pool(V1, "doubled"), "Accepted") == "False", "duplicate ports rejected");
        var accepted = Pool(V1, "doubled")!["status"]!["parents"]![0]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Accepted")!;
        Assert.That(accepted["reason"]!.GetValue<string>(), Is.EqualTo("InvalidParameters"));
        Assert.That(accepted["message"]!.GetValue<string>(), Does.Contain("port 8000 is listed more than once"));
        Assert.That(Fixture.Server.Get("apps/v1", "Deployment", "default", "doubled-epp"), Is.Null);
        await Poll.UntilAsync(() => ModelCondition("InferenceModelRewrite", "half-weighted", "Accepted") == "False", "mixed weights rejected");
    }

    [Test]
    public async Task ChildDrift_DeletedOrEditedByAUser_IsRepaired()
    {
        // Arrange
        await StartOperatorAsync();
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-epp") is not null, "picker created");
        var uid = Get("apps/v1", "Deployment", "vllm-llama3-epp")["metadata"]!["uid"]!.GetValue<string>();

        // Act
        await Fixture.Kubectl.MustAsync("set", "image", "deployment/vllm-llama3-epp", "epp=attacker/epp:latest");
        await Fixture.Kubectl.MustAsync("delete", "service", "vllm-llama3-epp");

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("v1", "Service", "default", "vllm-llama3-epp") is not null, "service recreated");
        await Poll.UntilAsync(() => Get("apps/v1", "Deployment", "vllm-llama3-epp")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == new OperatorSettings().EppImage, "image restored");
        Assert.That(Get("apps/v1", "Deployment", "vllm-llama3-epp")["metadata"]!["uid"]!.GetValue<string>(), Is.EqualTo(uid), "updated in place, not recreated");
    }

    [Test]
    public async Task DataPlaneAnnotation_ChangedWithKubectl_SwitchesTheDataPlaneAndPrunesTheOldOne()
    {
        // Arrange
        await StartOperatorAsync();
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-epp") is not null, "picker without a data plane");
        Assert.That(Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-envoy"), Is.Null);

        // Act: annotations do not bump the generation, yet they are desired state.
        await Fixture.Kubectl.MustAsync("annotate", "inferencepool.inference.networking.k8s.io/vllm-llama3", "eppoperator.io/data-plane=envoy", "eppoperator.io/epp-replicas=2");

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-envoy") is not null, "standalone Envoy created");
        await Poll.UntilAsync(() => Get("apps/v1", "Deployment", "vllm-llama3-epp")["spec"]!["replicas"]!.GetValue<int>() == 2, "picker scaled with leader election");
        Assert.That(Get("rbac.authorization.k8s.io/v1", "Role", "vllm-llama3-epp")["rules"]!.AsArray().SelectMany(r => r!["resources"]!.AsArray()).Select(r => r!.GetValue<string>()), Does.Contain("leases"));

        // Act: back to no data plane.
        await Fixture.Kubectl.MustAsync("annotate", "--overwrite", "inferencepool.inference.networking.k8s.io/vllm-llama3", "eppoperator.io/data-plane=none");

        // Assert
        await Poll.UntilAsync(() => Fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-envoy") is null && Fixture.Server.Get("v1", "Service", "default", "vllm-llama3-shadow") is null, "the Envoy data plane is pruned");
        await Poll.UntilAsync(() => Pool(V1, "vllm-llama3")!["status"]!["parents"]![0]!["parentRef"]!["kind"]!.GetValue<string>() == "EndpointPicker", "the parent entry follows");
        Assert.That(Pool(V1, "vllm-llama3")!["status"]!["parents"]!.AsArray(), Has.Count.EqualTo(1), "the StandaloneEnvoy entry was replaced, not kept");
    }

    /// <summary>Waits until the operator has written nothing for a second (the reconciles settled).</summary>
    private async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Fixture.Server.ClearRequests();
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (Fixture.OperatorWrites().Count == 0) return;
        }

        Assert.Fail("the operator kept writing: " + string.Join(", ", Fixture.OperatorWrites().Take(10).Select(r => r.Method + " " + r.Path)));
    }
}
