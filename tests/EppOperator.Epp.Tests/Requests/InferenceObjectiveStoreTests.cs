using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class InferenceObjectiveStoreTests
{
    [TestCase("critical", 5)]
    [TestCase("sheddable", -1)]
    [TestCase("unset", 0)]
    [TestCase("unknown", 0)]
    [TestCase(null, 0)]
    public void PriorityOf_KnownUnknownAndUnset(string? name, int expected)
    {
        // Arrange
        var store = new InferenceObjectiveStore();
        store.ReplaceAll([new("ns", "critical", 5), new("ns", "sheddable", -1), new("ns", "unset", null)]);

        // Act + Assert
        Assert.That(store.PriorityOf(name), Is.EqualTo(expected));
    }

    [Test]
    public void ReplaceAll_RemovesMissingAndUpdatesChanged()
    {
        var store = new InferenceObjectiveStore();
        store.Upsert(new("ns", "a", 1));
        store.Upsert(new("ns", "b", 2));

        store.ReplaceAll([new("ns", "b", 7)]);

        Assert.That(store.PriorityOf("a"), Is.Zero);
        Assert.That(store.PriorityOf("b"), Is.EqualTo(7));
        Assert.That(store.Count, Is.EqualTo(1));
    }

    [TestCase("gold", "llama", 5)] // a known objective wins over the model's criticality
    [TestCase("unknown", "llama", 2)] // an unknown objective falls back to the InferenceModel
    [TestCase(null, "llama", 2)]
    [TestCase(null, "batch-model", -1)]
    [TestCase(null, "other", 0)]
    [TestCase(null, null, 0)]
    public void PriorityOf_ObjectiveThenLegacyModel_ResolvesInThatOrder(string? objective, string? model, int expected)
    {
        // Arrange
        var store = new InferenceObjectiveStore();
        store.Upsert(new("ns", "gold", 5));
        store.ReplaceAllModels([new("ns", "chat", "llama", InferenceModelCriticality.CriticalPriority), new("ns", "batch", "batch-model", InferenceModelCriticality.SheddablePriority)]);

        // Act + Assert
        Assert.That(store.PriorityOf(objective, model), Is.EqualTo(expected));
    }

    [Test]
    public void UpsertModel_TwoObjectsClaimOneModelName_TheOldestWinsUntilRemoved()
    {
        // Arrange
        var store = new InferenceObjectiveStore();
        store.UpsertModel(new("ns", "newer", "llama", -1) { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1) });
        store.UpsertModel(new("ns", "older", "llama", 2) { CreatedAt = DateTimeOffset.UnixEpoch });

        // Act
        var whileBoth = store.PriorityOf(null, "llama");
        var removed = store.RemoveModel("ns", "older");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(whileBoth, Is.EqualTo(2));
            Assert.That(removed, Is.True);
            Assert.That(store.PriorityOf(null, "llama"), Is.EqualTo(-1));
            Assert.That(store.ModelCount, Is.EqualTo(1));
        });
    }

    [TestCase("Critical", true, 2)]
    [TestCase("Standard", true, 0)]
    [TestCase("", true, 0)]
    [TestCase(null, true, 0)]
    [TestCase("Sheddable", true, -1)]
    [TestCase("critical", false, 0)]
    [TestCase("Urgent", false, 0)]
    public void TryGetPriority_CriticalityVectors(string? criticality, bool valid, int expected)
    {
        var ok = InferenceModelCriticality.TryGetPriority(criticality, out var priority);

        Assert.That(ok, Is.EqualTo(valid));
        if (valid) Assert.That(priority, Is.EqualTo(expected));
    }
}
