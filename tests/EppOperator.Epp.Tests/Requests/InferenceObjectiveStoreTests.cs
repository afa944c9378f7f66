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
}
