using EppOperator.Epp.Kubernetes;
using EppOperator.Kube.Entities;
using EppOperator.Kube.Entities.Inference;

namespace EppOperator.Epp.Tests.Kubernetes;

public class InferencePolicySourceTests
{
    [Test]
    public void ToRewrite_RewriteObject_KeepsRuleOrderMatchesAndWeights()
    {
        // Arrange
        var rewrite = new V1Alpha2InferenceModelRewrite { Metadata = new ObjectMeta { Name = "r", Namespace = "ns", CreationTimestamp = DateTimeOffset.UnixEpoch } };
        rewrite.Spec.PoolRef.Name = "pool";
        rewrite.Spec.Rules.Add(new V1Alpha2ModelRewriteRule
        {
            Matches = [new V1Alpha2ModelMatch { Model = new V1Alpha2ModelNameMatch { Value = "a" } }],
            Targets = [new V1Alpha2ModelRewriteTarget { ModelRewrite = "a-v1", Weight = 90 }, new V1Alpha2ModelRewriteTarget { ModelRewrite = "a-v2", Weight = 10 }],
        });
        rewrite.Spec.Rules.Add(new V1Alpha2ModelRewriteRule { Targets = [new V1Alpha2ModelRewriteTarget { ModelRewrite = "fallback" }] });

        // Act
        var mapped = InferencePolicySource.ToRewrite(rewrite);

        // Assert
        Assert.That((mapped.Namespace, mapped.Name, mapped.PoolName, mapped.CreatedAt), Is.EqualTo(("ns", "r", "pool", DateTimeOffset.UnixEpoch)));
        Assert.That(mapped.Rules[0].MatchModels, Is.EqualTo(new[] { "a" }));
        Assert.That(mapped.Rules[0].Targets.Select(t => (t.Model, t.Weight)), Is.EqualTo(new[] { ("a-v1", 90), ("a-v2", 10) }));
        Assert.That(mapped.Rules[1].MatchModels, Is.Empty, "no matches means every model");
    }

    [Test]
    public void ToRewrite_LegacyModelWithTargets_RewritesItsModelName()
    {
        // Arrange
        var model = new V1Alpha2InferenceModel { Metadata = new ObjectMeta { Name = "chat", Namespace = "ns" } };
        model.Spec.ModelName = "llama";
        model.Spec.PoolRef.Name = "pool";
        model.Spec.TargetModels = [new V1Alpha2TargetModel { Name = "llama-lora-a", Weight = 3 }, new V1Alpha2TargetModel { Name = "llama-lora-b", Weight = 1 }];

        // Act
        var mapped = InferencePolicySource.ToRewrite(model)!;

        // Assert
        Assert.That(mapped.Name, Is.EqualTo(InferencePolicySource.ModelRewritePrefix + "chat"));
        Assert.That(mapped.Rules.Single().MatchModels, Is.EqualTo(new[] { "llama" }));
        Assert.That(mapped.Rules.Single().Targets.Select(t => (t.Model, t.Weight)), Is.EqualTo(new[] { ("llama-lora-a", 3), ("llama-lora-b", 1) }));
    }

    [Test]
    public void ToRewrite_LegacyModelWithoutTargets_IsNull()
    {
        // Arrange
        var model = new V1Alpha2InferenceModel { Metadata = new ObjectMeta { Name = "plain" } };
        model.Spec.ModelName = "llama";

        // Act / Assert
        Assert.That(InferencePolicySource.ToRewrite(model), Is.Null);
    }

    [Test]
    public void ToObjective_UnsetPriority_StaysUnset()
    {
        // Arrange
        var objective = new V1Alpha2InferenceObjective { Metadata = new ObjectMeta { Name = "batch", Namespace = "ns" } };
        objective.Spec.PoolRef.Name = "pool";

        // Act
        var mapped = InferencePolicySource.ToObjective(objective);

        // Assert
        Assert.That((mapped.Name, mapped.Priority, mapped.PoolName), Is.EqualTo(("batch", (int?)null, "pool")));
    }

    [TestCase("Critical", 2)]
    [TestCase("Standard", 0)]
    [TestCase(null, 0)]
    [TestCase("Sheddable", -1)]
    public void ToModelPriority_Criticality_MapsToThePriorityOfItsModelName(string? criticality, int expected)
    {
        // Arrange
        var model = new V1Alpha2InferenceModel { Metadata = new ObjectMeta { Name = "chat", Namespace = "ns", CreationTimestamp = DateTimeOffset.UnixEpoch } };
        model.Spec.ModelName = "llama";
        model.Spec.Criticality = criticality;

        // Act
        var mapped = InferencePolicySource.ToModelPriority(model);

        // Assert
        Assert.That((mapped.Namespace, mapped.Name, mapped.ModelName, mapped.Priority, mapped.CreatedAt), Is.EqualTo(("ns", "chat", "llama", expected, DateTimeOffset.UnixEpoch)));
    }
}
