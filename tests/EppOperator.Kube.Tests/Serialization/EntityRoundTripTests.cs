using System.Text.Json;
using System.Text.Json.Nodes;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Coordination;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;

namespace EppOperator.Kube.Tests.Serialization;

public class EntityRoundTripTests
{
    [Test]
    public void Deserialize_UnknownFieldsAtEveryLevel_AreWrittenBackUnchanged()
    {
        // Arrange: fields this code does not model, at the root, in metadata, spec, a container and status.
        const string json = """
            {"apiVersion":"v1","kind":"Pod","futureRootField":{"x":1},
             "metadata":{"name":"p","namespace":"ns","labels":{"a":"b"},"futureMetaField":"m"},
             "spec":{"containers":[{"name":"c","image":"i","stdin":true,"ports":[{"containerPort":8000,"hostIP":"0.0.0.0"}]}],
                     "dnsPolicy":"ClusterFirst","overhead":{"cpu":"10m"}},
             "status":{"phase":"Running","podIP":"10.0.0.1","qosClass":"BestEffort"}}
            """;

        // Act
        var pod = JsonSerializer.Deserialize(json, Pod.JsonTypeInfo)!;
        pod.Metadata.Labels!["added"] = "by-us";
        var written = JsonNode.Parse(JsonSerializer.Serialize(pod, Pod.JsonTypeInfo))!;

        // Assert
        var expected = JsonNode.Parse(json)!;
        expected["metadata"]!["labels"]!["added"] = "by-us";
        Assert.That(JsonNode.DeepEquals(written, expected), Is.True, written.ToJsonString());
    }

    [Test]
    public void Serialize_UnsetOptionalFields_AreOmitted()
    {
        // Arrange
        var deployment = new Deployment { Metadata = new ObjectMeta { Name = "d" }, Spec = new DeploymentSpec() };

        // Act
        var json = JsonSerializer.Serialize(deployment, Deployment.JsonTypeInfo);

        // Assert
        Assert.That(json, Is.EqualTo("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{}}}"""));
    }

    [Test]
    public void Serialize_LeaseTimes_UseMicroTimeAndTimeLayouts()
    {
        // Arrange
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = "l", CreationTimestamp = at },
            Spec = new LeaseSpec { HolderIdentity = "a", RenewTime = at },
        };

        // Act
        var node = JsonNode.Parse(JsonSerializer.Serialize(lease, Lease.JsonTypeInfo))!;

        // Assert
        Assert.That(node["spec"]!["renewTime"]!.GetValue<string>(), Is.EqualTo("2025-01-02T03:04:05.123456Z"));
        Assert.That(node["metadata"]!["creationTimestamp"]!.GetValue<string>(), Is.EqualTo("2025-01-02T03:04:05Z"));
    }

    [Test]
    public void Deserialize_InferencePoolV1_ReadsUpstreamFieldNames()
    {
        // Arrange
        const string json = """
            {"apiVersion":"inference.networking.k8s.io/v1","kind":"InferencePool","metadata":{"name":"pool"},
             "spec":{"selector":{"matchLabels":{"app":"vllm"}},"targetPorts":[{"number":8000},{"number":8001}],
                     "appProtocol":"kubernetes.io/h2c",
                     "endpointPickerRef":{"name":"epp","port":{"number":9002},"failureMode":"FailOpen"}},
             "status":{"parents":[{"parentRef":{"name":"gw"},"controllerName":"example.com/c",
                        "conditions":[{"type":"Accepted","status":"True","reason":"Accepted","message":"","lastTransitionTime":"2025-01-01T00:00:00Z"}]}]}}
            """;

        // Act
        var pool = JsonSerializer.Deserialize(json, V1InferencePool.JsonTypeInfo)!;

        // Assert
        Assert.That(pool.Spec.Selector.MatchLabels["app"], Is.EqualTo("vllm"));
        Assert.That(pool.Spec.TargetPorts.Select(p => p.Number), Is.EqualTo(new[] { 8000, 8001 }));
        Assert.That(pool.Spec.EndpointPickerRef!.Port!.Number, Is.EqualTo(9002));
        Assert.That(pool.Spec.EndpointPickerRef.FailureMode, Is.EqualTo(InferenceFailureMode.FailOpen));
        Assert.That(pool.Status!.Parents![0].Conditions![0].Type, Is.EqualTo(InferencePoolConditions.Accepted));
    }

    [Test]
    public void Deserialize_InferencePoolV1Alpha2_ReadsLegacyShape()
    {
        // Arrange
        const string json = """
            {"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferencePool","metadata":{"name":"pool"},
             "spec":{"selector":{"app":"vllm"},"targetPortNumber":8000,"extensionRef":{"name":"epp"}},
             "status":{"parent":[{"parentRef":{"kind":"Status","name":"default"},"conditions":[]}]}}
            """;

        // Act
        var pool = JsonSerializer.Deserialize(json, V1Alpha2InferencePool.JsonTypeInfo)!;

        // Assert
        Assert.That(pool.Spec.Selector["app"], Is.EqualTo("vllm"));
        Assert.That(pool.Spec.TargetPortNumber, Is.EqualTo(8000));
        Assert.That(pool.Spec.ExtensionRef.Name, Is.EqualTo("epp"));
        Assert.That(pool.Status!.Parent![0].ParentRef.Kind, Is.EqualTo("Status"));
    }

    [Test]
    public void Serialize_RewriteTargetWithoutWeight_OmitsWeight()
    {
        // Arrange: upstream's weight is not a pointer; writing 0 would fail the CRD's minimum of 1.
        var rewrite = new V1Alpha2InferenceModelRewrite();
        rewrite.Spec.PoolRef.Name = "pool";
        rewrite.Spec.Rules.Add(new V1Alpha2ModelRewriteRule { Targets = [new V1Alpha2ModelRewriteTarget { ModelRewrite = "m" }] });

        // Act
        var json = JsonSerializer.Serialize(rewrite, V1Alpha2InferenceModelRewrite.JsonTypeInfo);

        // Assert
        Assert.That(json, Does.Contain("\"targets\":[{\"modelRewrite\":\"m\"}]"));
    }
}
