using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Tests.Planning;

public class PoolIntentResolverTests
{
    [TestCase(null, null, null, "ManagedEpp", "none")]
    [TestCase(null, null, "envoy", "ManagedEpp", "envoy")]
    [TestCase("their-epp", null, null, "Ignored", "none")]
    [TestCase("their-epp", "true", null, "ManagedEpp", "none")]
    [TestCase("their-epp", "TRUE", "istio", "ManagedEpp", "istio")]
    [TestCase("their-epp", null, "envoy-gateway", "DataPlaneOnly", "envoy-gateway")]
    [TestCase("their-epp", null, "none", "Ignored", "none")]
    [TestCase("their-epp", "false", null, "Ignored", "none")]
    public void Resolve_ReferenceAndAnnotations_DecideTheRole(string? reference, string? managed, string? dataPlane, string role, string plane)
    {
        // Arrange
        var annotations = new Dictionary<string, string>();
        if (managed is not null) annotations[OperatorConstants.ManagedEppAnnotation] = managed;
        if (dataPlane is not null) annotations[OperatorConstants.DataPlaneAnnotation] = dataPlane;

        // Act
        var intent = PoolIntentResolver.Resolve(Pool(reference, annotations), new OperatorSettings());

        // Assert
        Assert.That(intent.Role.ToString(), Is.EqualTo(role));
        Assert.That(DataPlaneNames.ToName(intent.DataPlane), Is.EqualTo(plane));
    }

    [Test]
    public void Resolve_ManagedWithoutReference_NamesThePickerAfterThePool()
    {
        // Act
        var intent = PoolIntentResolver.Resolve(Pool(null, []), new OperatorSettings { DefaultDataPlane = DataPlane.Istio });

        // Assert
        Assert.That(intent.EppServiceName, Is.EqualTo("vllm-epp"));
        Assert.That(intent.EppServicePort, Is.EqualTo(9002));
        Assert.That(intent.DataPlane, Is.EqualTo(DataPlane.Istio));
        Assert.That(intent.FailOpen, Is.False);
    }

    [TestCase(OperatorConstants.EppReplicasAnnotation, "0", "between 1 and 16")]
    [TestCase(OperatorConstants.EppReplicasAnnotation, "many", "between 1 and 16")]
    [TestCase(OperatorConstants.EnvoyReplicasAnnotation, "17", "between 1 and 16")]
    [TestCase(OperatorConstants.DataPlaneAnnotation, "nginx", "is not one of none, envoy-gateway, istio, envoy")]
    [TestCase(OperatorConstants.EppConfigAnnotation, "Bad/Name/x", "is not NAME or NAME/KEY")]
    [TestCase(OperatorConstants.EppConformanceHooksAnnotation, "yes", "is not true or false")]
    public void Resolve_BadAnnotation_IsAProblemNamingIt(string annotation, string value, string message)
    {
        // Act
        var intent = PoolIntentResolver.Resolve(Pool(null, new() { [annotation] = value }), new OperatorSettings());

        // Assert
        Assert.That(intent.Problems, Has.Some.Contains(annotation).And.Some.Contains(message));
    }

    [Test]
    public void Resolve_ValidAnnotations_AreApplied()
    {
        // Act
        var intent = PoolIntentResolver.Resolve(
            Pool(null, new() { [OperatorConstants.EppReplicasAnnotation] = "3", [OperatorConstants.EppConfigAnnotation] = "my-config/picker.yaml" }),
            new OperatorSettings());

        // Assert
        Assert.That(intent.Problems, Is.Empty);
        Assert.That(intent.EppReplicas, Is.EqualTo(3));
        Assert.That(intent.EppConfig, Is.EqualTo(new ConfigMapKeyReference("my-config", "picker.yaml")));
    }

    [TestCase(null, false)]
    [TestCase("false", false)]
    [TestCase("true", true)]
    [TestCase(" True ", true)]
    public void Resolve_ConformanceHooksAnnotation_OffUnlessAskedFor(string? value, bool expected)
    {
        // Arrange
        var annotations = new Dictionary<string, string>();
        if (value is not null) annotations[OperatorConstants.EppConformanceHooksAnnotation] = value;

        // Act
        var intent = PoolIntentResolver.Resolve(Pool(null, annotations), new OperatorSettings());

        // Assert
        Assert.That(intent.Problems, Is.Empty);
        Assert.That(intent.EppConformanceHooks, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_ManagedReferenceToAnotherKind_IsAReferenceProblem()
    {
        // Arrange
        var pool = Pool("picker", new() { [OperatorConstants.ManagedEppAnnotation] = "true" }) with
        {
            EppRef = new EppReference("example.com", "Picker", "picker", 9002, InferenceFailureMode.FailClose),
        };

        // Act
        var intent = PoolIntentResolver.Resolve(pool, new OperatorSettings());

        // Assert
        Assert.That(intent.ReferenceProblem, Does.Contain("example.com Picker 'picker'").And.Contain("only a core Service"));
    }

    [TestCase("short", "short-epp")]
    [TestCase("a-name-that-is-exactly-fifty-nine-characters-long-xxxxxxxxx", "a-name-that-is-exactly-fifty-nine-characters-long-xxxxxxxxx-epp")]
    public void ChildNames_FitInALabel(string pool, string expected) => Assert.That(ChildNames.Epp(pool), Is.EqualTo(expected));

    [Test]
    public void ChildNames_LongName_IsTruncatedWithAStableHash()
    {
        // Arrange
        var pool = new string('p', 100);

        // Act
        var name = ChildNames.Envoy(pool);

        // Assert
        Assert.That(name, Has.Length.LessThanOrEqualTo(63));
        Assert.That(name, Is.EqualTo(ChildNames.Envoy(pool)));
        Assert.That(name, Is.Not.EqualTo(ChildNames.Envoy(pool + "x")));
    }

    internal static InferencePoolView Pool(string? reference, Dictionary<string, string> annotations) => InferencePoolView.From(new V1InferencePool
    {
        Metadata = new ObjectMeta { Name = "vllm", Namespace = "models", Uid = "uid-1", Generation = 4, Annotations = annotations },
        Spec = new V1InferencePoolSpec
        {
            Selector = new V1PoolSelector { MatchLabels = new() { ["app"] = "vllm" } },
            TargetPorts = [new V1Port { Number = 8000 }],
            EndpointPickerRef = reference is null ? null : new V1EndpointPickerRef { Name = reference, Port = new V1Port { Number = 9002 } },
        },
    });
}
