using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Runtime;

namespace EppOperator.Operator.Tests.Runtime;

public class StatusWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void V1Desired_OtherControllersEntries_AreKeptAndOursAdded()
    {
        // Arrange
        var pool = V1Pool(generation: 3);
        pool.Status = new V1InferencePoolStatus { Parents = [Foreign("istio.io/gateway-controller", "istio-gw")] };

        // Act
        var parents = V1PoolStatusWriter.Desired(pool, Plan("True"), T0);

        // Assert
        Assert.That(parents, Has.Count.EqualTo(2));
        Assert.That(parents![0].ControllerName, Is.EqualTo("istio.io/gateway-controller"));
        Assert.That(parents[1].ControllerName, Is.EqualTo("eppoperator.io/epp-operator"));
        Assert.That(parents[1].Conditions!.Select(c => (c.Type, c.ObservedGeneration)), Is.EqualTo(new[] { ("Accepted", (long?)3), ("ResolvedRefs", (long?)3) }));
    }

    [Test]
    public void V1Desired_SameConditions_NoWriteAndTransitionTimeKept()
    {
        // Arrange
        var pool = V1Pool(generation: 3);
        pool.Status = new V1InferencePoolStatus { Parents = V1PoolStatusWriter.Desired(pool, Plan("True"), T0) };

        // Act
        var again = V1PoolStatusWriter.Desired(pool, Plan("True"), T0.AddHours(1));
        pool.Metadata.Generation = 4;
        var newGeneration = V1PoolStatusWriter.Desired(pool, Plan("True"), T0.AddHours(2));

        // Assert
        Assert.That(again, Is.Null, "unchanged status is not written");
        Assert.That(newGeneration![0].Conditions![0].ObservedGeneration, Is.EqualTo(4));
        Assert.That(newGeneration[0].Conditions![0].LastTransitionTime, Is.EqualTo(T0), "the status did not change, so neither does its transition time");
    }

    [Test]
    public void V1Desired_StatusFlips_TransitionTimeMoves()
    {
        // Arrange
        var pool = V1Pool(generation: 1);
        pool.Status = new V1InferencePoolStatus { Parents = V1PoolStatusWriter.Desired(pool, Plan("True"), T0) };

        // Act
        var flipped = V1PoolStatusWriter.Desired(pool, Plan("False"), T0.AddMinutes(5));

        // Assert
        Assert.That(flipped![0].Conditions!.Single(c => c.Type == "ResolvedRefs").LastTransitionTime, Is.EqualTo(T0.AddMinutes(5)));
    }

    [Test]
    public void V1Desired_PoolNoLongerOurs_DropsOnlyOurEntries()
    {
        // Arrange
        var pool = V1Pool(generation: 1);
        pool.Status = new V1InferencePoolStatus { Parents = [Foreign("x.io/gw", "g"), .. V1PoolStatusWriter.Desired(pool, Plan("True"), T0)!] };

        // Act
        var parents = V1PoolStatusWriter.Desired(pool, plan: null, T0);

        // Assert
        Assert.That(parents!.Select(p => p.ControllerName), Is.EqualTo(new[] { "x.io/gw" }));
    }

    [Test]
    public void V1Alpha2Desired_ReplacesThePlaceholderAndPutsItBackWhenLeaving()
    {
        // Arrange
        var pool = new V1Alpha2InferencePool
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "ns", Generation = 2 },
            Status = new V1Alpha2InferencePoolStatus { Parent = [new V1Alpha2PoolStatus { ParentRef = new ObjectReference { Kind = "Status", Name = "default" } }] },
        };

        // Act
        var ours = V1Alpha2PoolStatusWriter.Desired(pool, Plan("True"), T0);
        pool.Status.Parent = ours;
        var left = V1Alpha2PoolStatusWriter.Desired(pool, plan: null, T0);

        // Assert
        Assert.That(ours!.Single().ParentRef.ApiVersion, Is.EqualTo("eppoperator.io/v1alpha1"));
        Assert.That(left!.Single().ParentRef.Kind, Is.EqualTo("Status"));
    }

    private static V1InferencePool V1Pool(long generation) => new() { Metadata = new ObjectMeta { Name = "p", Namespace = "ns", Generation = generation } };

    private static V1ParentStatus Foreign(string controller, string gateway) => new()
    {
        ControllerName = controller,
        ParentRef = new V1ParentReference { Name = gateway, Group = "gateway.networking.k8s.io", Kind = "Gateway" },
        Conditions = [new Condition { Type = "Accepted", Status = "True", Reason = "Accepted", LastTransitionTime = T0 }],
    };

    private static PoolPlan Plan(string resolved) => new()
    {
        Intent = new PoolIntent { Role = PoolRole.ManagedEpp },
        Parents = [new PoolParent("eppoperator.io", "StandaloneEnvoy", "p-envoy", "ns")],
        Accepted = ConditionPlan.True("Accepted", "ok"),
        ResolvedRefs = new ConditionPlan(resolved, resolved == "True" ? "ResolvedRefs" : "InvalidExtensionRef", "refs"),
    };
}
