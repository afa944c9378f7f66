using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Models;

namespace EppOperator.Operator.Tests.Models;

public class InferenceValidationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Arbiter_SameNameSamePool_OldestWinsOthersModelNameInUse()
    {
        // Arrange
        var older = Model("a", "chat", "pool", T0);
        var newer = Model("b", "chat", "pool", T0.AddSeconds(5));
        var otherPool = Model("c", "chat", "pool-2", T0.AddSeconds(9));
        var all = new[] { newer, older, otherPool };

        // Act / Assert
        Assert.That(InferenceModelArbiter.Evaluate(older, all).Reason, Is.EqualTo("Accepted"));
        Assert.That(InferenceModelArbiter.Evaluate(newer, all).Reason, Is.EqualTo("ModelNameInUse"));
        Assert.That(InferenceModelArbiter.Evaluate(newer, all).Message, Does.Contain("InferenceModel a"));
        Assert.That(InferenceModelArbiter.Evaluate(otherPool, all).Reason, Is.EqualTo("Accepted"), "names may repeat across pools");
    }

    [Test]
    public void Arbiter_SameCreationSecond_NameBreaksTheTie()
    {
        // Arrange
        var x = Model("x", "chat", "pool", T0);
        var y = Model("y", "chat", "pool", T0);

        // Act / Assert
        Assert.That(InferenceModelArbiter.Evaluate(x, [x, y]).IsTrue, Is.True);
        Assert.That(InferenceModelArbiter.Evaluate(y, [x, y]).IsTrue, Is.False);
    }

    [Test]
    public void Arbiter_DeletingHolder_DoesNotCount()
    {
        // Arrange
        var holder = Model("a", "chat", "pool", T0);
        holder.Metadata.DeletionTimestamp = T0.AddMinutes(1);
        var next = Model("b", "chat", "pool", T0.AddSeconds(1));

        // Act / Assert
        Assert.That(InferenceModelArbiter.Evaluate(next, [holder, next]).IsTrue, Is.True);
    }

    [TestCase(new[] { 1, 2 }, true)]
    [TestCase(new[] { 0, 0 }, true)]
    [TestCase(new[] { 5, 0 }, false)]
    public void Arbiter_TargetWeights_AllOrNone(int[] weights, bool ready)
    {
        // Arrange: 0 stands for "unset".
        var model = Model("a", "chat", "pool", T0);
        model.Spec.TargetModels = [.. weights.Select((w, i) => new V1Alpha2TargetModel { Name = "t" + i, Weight = w == 0 ? null : w })];

        // Act
        var condition = InferenceModelArbiter.Evaluate(model, [model]);

        // Assert
        Assert.That(condition.IsTrue, Is.EqualTo(ready));
        if (!ready) Assert.That(condition.Reason, Is.EqualTo("InvalidTargetModels"));
    }

    [TestCase(null, null, true)]
    [TestCase("inference.networking.k8s.io", "InferencePool", true)]
    [TestCase("inference.networking.x-k8s.io", null, false)]
    [TestCase(null, "Service", false)]
    public void Objective_PoolRef_MustBeAV1Pool(string? group, string? kind, bool ready)
    {
        // Arrange
        var objective = new V1Alpha2InferenceObjective { Metadata = new ObjectMeta { Name = "o", Namespace = "ns" }, Spec = new() { Priority = 3, PoolRef = new PoolObjectReference { Group = group, Kind = kind, Name = "p" } } };

        // Act
        var condition = InferenceObjectiveValidator.Evaluate(objective);

        // Assert
        Assert.That(condition.IsTrue, Is.EqualTo(ready));
        Assert.That(condition.Reason, Is.EqualTo(ready ? "Accepted" : "InvalidPoolRef"));
    }

    [TestCase(new[] { 10, 20 }, true)]
    [TestCase(new[] { 0, 0 }, true)]
    [TestCase(new[] { 7 }, true)]
    [TestCase(new[] { 10, 0 }, false)]
    public void Rewrite_Weights_AllOrNoneWithinARule(int[] weights, bool accepted)
    {
        // Arrange
        var rewrite = Rewrite("r", T0, "llama3", weights);

        // Act
        var condition = InferenceModelRewriteValidator.Evaluate(rewrite, [rewrite]);

        // Assert
        Assert.That(condition.IsTrue, Is.EqualTo(accepted));
        if (!accepted) Assert.That(condition.Reason, Is.EqualTo("InvalidWeights"));
    }

    [Test]
    public void Rewrite_ExactMatchClaimedByAnOlderRewrite_IsReported()
    {
        // Arrange
        var older = Rewrite("first", T0, "llama3", [1]);
        var newer = Rewrite("second", T0.AddSeconds(3), "llama3", [1]);

        // Act
        var condition = InferenceModelRewriteValidator.Evaluate(newer, [older, newer]);

        // Assert
        Assert.That(condition.IsTrue, Is.True);
        Assert.That(condition.Message, Does.Contain("'llama3' (by first)"));
        Assert.That(InferenceModelRewriteValidator.Evaluate(older, [older, newer]).Message, Does.Not.Contain("claimed"));
    }

    private static V1Alpha2InferenceModel Model(string name, string modelName, string pool, DateTimeOffset created) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns", Uid = "uid-" + name, CreationTimestamp = created },
        Spec = new V1Alpha2InferenceModelSpec { ModelName = modelName, PoolRef = new V1Alpha2PoolObjectReference { Name = pool } },
    };

    private static V1Alpha2InferenceModelRewrite Rewrite(string name, DateTimeOffset created, string model, int[] weights) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns", Uid = "uid-" + name, CreationTimestamp = created },
        Spec = new V1Alpha2InferenceModelRewriteSpec
        {
            PoolRef = new PoolObjectReference { Name = "pool" },
            Rules =
            [
                new V1Alpha2ModelRewriteRule
                {
                    Matches = [new V1Alpha2ModelMatch { Model = new V1Alpha2ModelNameMatch { Value = model } }],
                    Targets = [.. weights.Select((w, i) => new V1Alpha2ModelRewriteTarget { ModelRewrite = "t" + i, Weight = w })],
                },
            ],
        },
    };
}
