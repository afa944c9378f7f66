using EppOperator.Epp.Requests.Manifests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class InferenceManifestReaderTests
{
    private const string Manifests = """
        apiVersion: inference.networking.x-k8s.io/v1alpha2
        kind: InferenceObjective
        metadata:
          name: critical
          namespace: serving
        spec:
          priority: 10
          poolRef:
            name: pool-a
        ---
        apiVersion: inference.networking.x-k8s.io/v1alpha2
        kind: InferenceObjective
        metadata:
          name: no-priority
        spec:
          poolRef: {name: pool-a}
        ---
        apiVersion: llm-d.ai/v1alpha2
        kind: InferenceModelRewrite
        metadata:
          name: canary
          creationTimestamp: "2025-01-02T03:04:05Z"
        spec:
          poolRef: {name: pool-a}
          rules:
          - matches:
            - model: {type: Exact, value: food-review}
            targets:
            - {modelRewrite: food-review-v1, weight: 90}
            - {modelRewrite: food-review-v2, weight: 10}
          - targets:
            - {modelRewrite: default-model, weight: 1}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: unrelated}
        ---
        apiVersion: inference.networking.x-k8s.io/v1alpha2
        kind: InferenceObjective
        metadata: {name: elsewhere}
        spec:
          priority: 1
          poolRef: {name: pool-b}
        """;

    [Test]
    public void Read_MixedManifests_ObjectivesRewritesAndWarnings()
    {
        // Act
        var set = InferenceManifestReader.Read(Manifests, "pool-a");

        // Assert
        Assert.That(set.Errors, Is.Empty);
        Assert.That(set.Objectives.Select(o => (o.Name, o.Namespace, o.Priority)), Is.EqualTo(new[] { ("critical", "serving", (int?)10), ("no-priority", "default", (int?)null) }));
        var rewrite = set.Rewrites.Single();
        Assert.That(rewrite.Name, Is.EqualTo("canary"));
        Assert.That(rewrite.CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Assert.That(rewrite.Rules, Has.Length.EqualTo(2));
        Assert.That(rewrite.Rules[0].MatchModels, Is.EqualTo(new[] { "food-review" }));
        Assert.That(rewrite.Rules[0].Targets.Select(t => (t.Model, t.Weight)), Is.EqualTo(new[] { ("food-review-v1", 90), ("food-review-v2", 10) }));
        Assert.That(rewrite.Rules[1].MatchModels, Is.Empty);
        Assert.That(set.Warnings, Has.Count.EqualTo(2));
        Assert.That(set.Warnings, Has.Some.Contains("ConfigMap"));
        Assert.That(set.Warnings, Has.Some.Contains("pool-b"));
    }

    [Test]
    public void Read_NoPoolName_KeepsEveryPoolsObjects()
    {
        var set = InferenceManifestReader.Read(Manifests, null);

        Assert.That(set.Objectives.Select(o => o.Name), Does.Contain("elsewhere"));
    }

    [Test]
    public void Read_KubectlListKind_ReadsItems()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: inference.networking.x-k8s.io/v1alpha2
              kind: InferenceObjective
              metadata: {name: a}
              spec: {priority: -1}
            """;

        var set = InferenceManifestReader.Read(yaml, null);

        Assert.That(set.Objectives.Single().Priority, Is.EqualTo(-1));
    }

    [TestCase("kind: InferenceObjective\napiVersion: example.com/v1\nmetadata: {name: a}", "apiVersion")]
    [TestCase("kind: InferenceObjective\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {}", "metadata.name is required")]
    [TestCase("kind: InferenceModelRewrite\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: r}\nspec: {}", "spec.rules is required")]
    [TestCase("kind: InferenceModelRewrite\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: r}\nspec: {rules: [{targets: []}]}", "targets must not be empty")]
    [TestCase("kind: InferenceModelRewrite\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: r}\nspec: {rules: [{matches: [{model: {type: Prefix, value: x}}], targets: [{modelRewrite: y, weight: 1}]}]}", "type Exact")]
    [TestCase("kind: InferenceModelRewrite\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: r}\nspec: {rules: [{targets: [{modelRewrite: y, weight: 2000000}]}]}", "1..1000000")]
    [TestCase("kind: InferenceObjective\n  bad: [indent", "invalid YAML at line")]
    [TestCase("kind: InferenceModel\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: m}\nspec: {criticality: Critical}", "spec.modelName is required")]
    [TestCase("kind: InferenceModel\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: m}\nspec: {modelName: x, criticality: Urgent}", "spec.criticality 'Urgent'")]
    [TestCase("kind: InferenceModel\napiVersion: inference.networking.x-k8s.io/v1alpha2\nmetadata: {name: m}\nspec: {modelName: x, targetModels: [{weight: 1}]}", "spec.targetModels needs a name")]
    public void Read_InvalidObject_ErrorNamesTheProblem(string yaml, string expected)
    {
        var set = InferenceManifestReader.Read(yaml, null);

        Assert.That(set.IsValid, Is.False);
        Assert.That(set.Errors, Has.Some.Contains(expected));
    }

    [Test]
    public void Read_LegacyInferenceModels_CriticalityBecomesThePriorityAndTargetsARewrite()
    {
        // Arrange
        var yaml = """
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModel
            metadata: {name: chat, namespace: serving}
            spec:
              modelName: llama
              criticality: Critical
              poolRef: {name: pool-a}
              targetModels:
              - {name: llama-lora-a, weight: 3}
              - {name: llama-lora-b, weight: 1}
            ---
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModel
            metadata: {name: batch}
            spec: {modelName: batch-model, criticality: Sheddable, poolRef: {name: pool-a}}
            ---
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModel
            metadata: {name: plain}
            spec: {modelName: plain-model, poolRef: {name: pool-a}}
            """;

        // Act
        var set = InferenceManifestReader.Read(yaml, "pool-a");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(set.Errors, Is.Empty);
            Assert.That(set.Models.Select(m => (m.Namespace, m.Name, m.ModelName, m.Priority)), Is.EqualTo(new[]
            {
                ("serving", "chat", "llama", 2),
                ("default", "batch", "batch-model", -1),
                ("default", "plain", "plain-model", 0),
            }));
            var rewrite = set.Rewrites.Single();
            Assert.That(rewrite.Rules.Single().MatchModels, Is.EqualTo(new[] { "llama" }));
            Assert.That(rewrite.Rules.Single().Targets.Select(t => (t.Model, t.Weight)), Is.EqualTo(new[] { ("llama-lora-a", 3), ("llama-lora-b", 1) }));
        });
    }
}
