using System.Collections.Immutable;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class ModelRewriterTests
{
    private static InferenceModelRewrite Rewrite(string name, int createdSecond, params ModelRewriteRule[] rules) =>
        new("default", name, DateTimeOffset.UnixEpoch.AddSeconds(createdSecond), [.. rules]);

    private static ModelRewriteRule Rule(string[] matches, params (string Model, int Weight)[] targets) =>
        new([.. matches], [.. targets.Select(t => new ModelRewriteTarget(t.Model, t.Weight))]);

    [TestCase("model-to-be-rewritten", null, "rewritten-model")]
    [TestCase("model-to-be-rewritten", "header-model", "rewritten-model")]
    [TestCase("other", null, "other")]
    [TestCase("other", "header-model", "header-model")]
    [TestCase("other", "", "other")]
    public void Resolve_HeaderThenRuleOnIncomingModel(string incoming, string? header, string expected)
    {
        // Arrange
        var store = new ModelRewriteStore();
        store.Upsert(Rewrite("r", 0, Rule(["model-to-be-rewritten"], ("rewritten-model", 1))));
        var rewriter = new ModelRewriter(store, new Random(1));

        // Act
        var target = rewriter.Resolve(incoming, header);

        // Assert
        Assert.That(target, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_ExactBeatsCatchAllAndOlderObjectWins()
    {
        // Arrange
        var store = new ModelRewriteStore();
        store.Upsert(Rewrite("newer", 20, Rule(["m"], ("from-newer", 1))));
        store.Upsert(Rewrite("catch-all", 0, Rule([], ("from-catch-all", 1))));
        store.Upsert(Rewrite("older", 10, Rule(["m"], ("from-older", 1))));
        var rewriter = new ModelRewriter(store, new Random(1));

        // Act + Assert
        Assert.That(rewriter.Resolve("m", null), Is.EqualTo("from-older"));
        Assert.That(rewriter.Resolve("anything", null), Is.EqualTo("from-catch-all"));
        store.Remove("default", "older");
        Assert.That(rewriter.Resolve("m", null), Is.EqualTo("from-newer"));
    }

    [Test]
    public void Resolve_WeightedTargets_FollowWeights()
    {
        // Arrange
        var store = new ModelRewriteStore();
        store.Upsert(Rewrite("split", 0, Rule(["m"], ("a", 70), ("b", 30))));
        var rewriter = new ModelRewriter(store, new Random(42));

        // Act
        var picks = Enumerable.Range(0, 10_000).Select(_ => rewriter.Resolve("m", null)).ToList();

        // Assert: 70% ± 2% (about 4.5 sigma for n = 10,000)
        var share = picks.Count(p => p == "a") / 10_000.0;
        Assert.That(share, Is.EqualTo(0.7).Within(0.02));
        Assert.That(picks.Distinct(), Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public void PickTarget_AllWeightsZero_EqualOdds()
    {
        var rule = Rule(["m"], ("a", 0), ("b", 0));
        var random = new Random(3);

        var picks = Enumerable.Range(0, 2_000).Select(_ => rule.PickTarget(random)).ToList();

        Assert.That(picks.Count(p => p == "a") / 2_000.0, Is.EqualTo(0.5).Within(0.05));
    }

    [Test]
    public void ReplaceAll_DropsObjectsNotListed()
    {
        var store = new ModelRewriteStore();
        store.Upsert(Rewrite("gone", 0, Rule(["m"], ("x", 1))));

        store.ReplaceAll([Rewrite("kept", 0, Rule(["n"], ("y", 1)))]);

        Assert.That(store.FindRule("m"), Is.Null);
        Assert.That(store.FindRule("n")!.Targets.Single().Model, Is.EqualTo("y"));
        Assert.That(store.Count, Is.EqualTo(1));
    }
}
