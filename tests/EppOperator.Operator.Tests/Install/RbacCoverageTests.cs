using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Entities.Rbac;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Epp;
using EppOperator.Operator.Install;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Tests.Support;
using EppOperator.Testing.Net;

namespace EppOperator.Operator.Tests.Install;

/// <summary>
/// The fixture does not enforce RBAC, so these tests do what the authorizer would: every request the operator sent
/// while reconciling every data plane (with leader election, certificates, status, Events and deletions) must be
/// allowed by the ClusterRole that <c>epp-operator manifests</c> and the chart install; and every request a real
/// <c>epp</c> process sent with the operator's arguments (Kubernetes mode, leader election) must be allowed by the
/// Role the operator gives it.
/// </summary>
[NonParallelizable]
public class RbacCoverageTests : OperatorTestBase
{
    [Test]
    public async Task ClusterRole_EveryDataPlaneReconciledAndPruned_AllowsEveryRequestTheOperatorSent()
    {
        // Arrange
        await StartOperatorAsync(new OperatorSettings { DefaultDataPlane = DataPlane.Envoy }, leaderElection: true);
        var others = Fixture.WriteFile("others.yaml", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata:
              name: mesh
              annotations: {eppoperator.io/data-plane: istio, eppoperator.io/epp-replicas: "2"}
            spec:
              selector: {matchLabels: {app: mesh}}
              targetPorts: [{number: 8000}]
            ---
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata:
              name: eg
              annotations: {eppoperator.io/data-plane: envoy-gateway}
            spec:
              selector: {matchLabels: {app: eg}}
              targetPorts: [{number: 8000}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: eg-route, namespace: gateways}
            spec:
              parentRefs: [{name: inference-gateway}]
              rules: [{backendRefs: [{name: eg-shadow, namespace: default, port: 8000}]}]
            """);

        // Act: everything is created and its status written, one picker is scaled, then one pool is deleted (with its
        // cross-namespace children).
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml", "inferencepool-v1alpha2.yaml", "inferencemodel.yaml", "inferenceobjectives.yaml", "inferencemodelrewrite.yaml", "httproute.yaml");
        await Fixture.Kubectl.MustAsync("apply", "-f", others);
        await Poll.UntilAsync(() => Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy", "gateways", "eg-route-eg-epp") is not null, "the Envoy Gateway policy");
        await Poll.UntilAsync(() => Fixture.Server.Get("networking.istio.io/v1", "DestinationRule", "default", "mesh-epp-tls") is not null, "the Istio DestinationRule");
        await Poll.UntilAsync(() => ModelCondition("InferenceModel", "llama3-chat", "Ready") == "True" && ModelCondition("InferenceModelRewrite", "llama3-canary", "Accepted") == "True", "model and rewrite status");
        await Fixture.Kubectl.MustAsync("annotate", "inferencepool.inference.networking.k8s.io/vllm-llama3", "eppoperator.io/epp-replicas=2");
        await Poll.UntilAsync(() => Get("apps/v1", "Deployment", "vllm-llama3-epp")["spec"]!["replicas"]!.GetValue<int>() == 2, "the picker scaled (an update by apply)");
        await Fixture.Kubectl.MustAsync("delete", "inferencepool.inference.networking.k8s.io/eg");
        await Poll.UntilAsync(() => Fixture.Server.Get("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy", "gateways", "eg-route-eg-epp") is null, "the cross-namespace policy deleted");

        // Assert
        var sent = SentRequests();
        var rules = InstallManifestBuilder.Rules(new InstallOptions());
        Assert.That(sent.Select(r => r.Verb), Is.SupersetOf(new[] { "list", "watch", "get", "create", "update", "patch", "delete" }), "the scenario exercises every verb");
        Assert.That(sent.Where(r => !r.IsAllowedBy(rules)).Select(r => r.ToString()), Is.Empty, "requests the ClusterRole does not allow");
    }

    [Test]
    public async Task EppRole_LeaderElectingPicker_AllowsEveryRequestThePickerSent()
    {
        // Arrange: a pool with two picker replicas (so leader election is on), its Role, and the real picker.
        await Fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        var pool = InferencePoolView.From(new V1InferencePool
        {
            Metadata = new ObjectMeta { Name = "vllm-llama3", Namespace = "default", Uid = "pool-uid" },
            Spec = new V1InferencePoolSpec { Selector = new() { MatchLabels = new() { ["app"] = "vllm-llama3" } }, TargetPorts = [new() { Number = 8000 }] },
        });
        var settings = new OperatorSettings { SecureServing = false };
        var intent = new PoolIntent { Role = PoolRole.ManagedEpp, EppReplicas = 2, EppServiceName = ChildNames.EppService(pool.Name) };
        var role = EppChildrenBuilder.Build(pool, intent, new PoolFacts(), settings).OfType<Role>().Single();
        var scratch = Directory.CreateTempSubdirectory("epp-rbac-").FullName;
        File.WriteAllText(Path.Combine(scratch, "config.yaml"), EppOperator.Epp.Config.SchedulerDefaults.ConfigText);
        // Free ports instead of the fixed ones (other tests run at the same time), the config from the scratch folder.
        string[] ports = ["--grpc-port", "--grpc-health-port", "--metrics-port"];
        var given = EppChildrenBuilder.Arguments(pool, intent, settings, "config.yaml");
        var args = given.Select((a, i) => i > 0 && ports.Contains(given[i - 1]) ? "0" : a.Replace(EppChildrenBuilder.ConfigMountPath, scratch, StringComparison.Ordinal)).ToList();
        Fixture.Server.ClearRequests();

        // Act: run it until it leads and watches everything it reads.
        using var picker = ChildProcess.Start("dotnet", [RepoPaths.EppExecutable(), .. args, "--kubeconfig", Fixture.Kubeconfig], environment: new Dictionary<string, string> { ["POD_NAME"] = "picker-0" });
        try
        {
            await Poll.UntilAsync(() => Fixture.Server.Get("coordination.k8s.io/v1", "Lease", "default", "epp-default-vllm-llama3")?["spec"]?["holderIdentity"]?.GetValue<string>() == "picker-0", "the picker leads", TimeSpan.FromSeconds(60));
            await Poll.UntilAsync(() => Fixture.Server.OpenWatchCount("pods") > 0 && Fixture.Server.OpenWatchCount("inferencepools.inference.networking.k8s.io") > 0 && Fixture.Server.OpenWatchCount("inferenceobjectives.inference.networking.x-k8s.io") > 0, "the picker's watches", TimeSpan.FromSeconds(30));
        }
        finally
        {
            ChildProcess.Kill(picker);
            Directory.Delete(scratch, recursive: true);
        }

        // Assert
        var sent = SentRequests();
        Assert.That(sent.Select(r => r.ToString()), Does.Contain("create coordination.k8s.io/leases").And.Contain("watch core/pods"));
        Assert.That(sent.Where(r => !r.IsAllowedBy(role.Rules!)).Select(r => r.ToString()), Is.Empty, "requests the picker's Role does not allow");
        Assert.That(sent.Where(r => !r.IsAllowedBy(InstallManifestBuilder.Rules(new InstallOptions()))).Select(r => r.ToString()), Is.Empty, "the operator must hold what it grants");
    }

    /// <summary>The distinct resource requests sent by anything but kubectl (the operator or the picker under test).</summary>
    private List<RbacRequest> SentRequests() =>
        [.. Fixture.Server.Requests.Where(r => !r.UserAgent.Contains("kubectl", StringComparison.Ordinal)).Select(RbacRequest.From).OfType<RbacRequest>().Distinct()];
}
