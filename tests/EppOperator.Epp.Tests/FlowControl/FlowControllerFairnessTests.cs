using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>Fairness between the flows (fairness ids) of one band while one flow floods the queue.</summary>
[TestFixture]
public sealed class FlowControllerFairnessTests
{
    [Test]
    public void Dispatch_RoundRobinWithAFloodingFlow_OtherFlowWaitsAtMostOneDispatchPerTurn()
    {
        // Arrange: "flood" queues 50 requests before "victim" sends 5
        using var h = new FlowHarness(Options(RoundRobinFairnessPolicy.TypeName));
        h.Submit(id: "busy");
        for (var i = 0; i < 50; i++) h.Submit("flood");
        for (var i = 0; i < 5; i++) h.Submit("victim");

        // Act
        for (var i = 0; i < 20; i++) h.FinishOldest();

        // Assert: the k-th victim request leaves within the first 2k queued dispatches (flood, victim, flood, …)
        var flows = h.Dispatched.Skip(1).Select(d => d.Request.FairnessId).ToList();
        var victimPositions = flows.Select((f, i) => (f, i)).Where(x => x.f == "victim").Select(x => x.i).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(victimPositions, Has.Count.EqualTo(5));
            for (var k = 0; k < victimPositions.Count; k++) Assert.That(victimPositions[k], Is.LessThanOrEqualTo((2 * k) + 1), $"victim request {k + 1}");
            Assert.That(flows.Skip(10), Is.All.EqualTo("flood"), "once the victim is served the flood continues alone");
        });
    }

    [Test]
    public void Dispatch_RoundRobinThreeFlows_TakeTurnsOneRequestEach()
    {
        // Arrange
        using var h = new FlowHarness(Options(RoundRobinFairnessPolicy.TypeName));
        h.Submit(id: "busy");
        foreach (var flow in new[] { "a", "a", "a", "b", "b", "b", "c", "c", "c" }) h.Submit(flow);

        // Act
        for (var i = 0; i < 9; i++) h.FinishOldest();

        // Assert
        Assert.That(string.Concat(h.Dispatched.Skip(1).Select(d => d.Request.FairnessId)), Is.EqualTo("abcabcabc"));
    }

    [Test]
    public void Dispatch_GlobalStrictWithAFloodingFlow_ServesStrictlyByArrival()
    {
        // Arrange: the victim's request arrives between two halves of the flood
        using var h = new FlowHarness(Options(GlobalStrictFairnessPolicy.TypeName));
        h.Submit(id: "busy");
        for (var i = 0; i < 20; i++) h.Submit("flood");
        h.Submit("victim", id: "victim");
        for (var i = 0; i < 20; i++) h.Submit("flood");

        // Act
        for (var i = 0; i < 41; i++) h.FinishOldest();

        // Assert: global-strict's bound is arrival order: exactly the 20 earlier requests go first, none of the later ones
        var order = h.DispatchOrder.Skip(1).ToList();
        Assert.That(order.IndexOf("victim"), Is.EqualTo(20));
    }

    [Test]
    public void Dispatch_FlowEmptiesAndReturns_StateIsDroppedAndRebuilt()
    {
        // Arrange
        using var h = new FlowHarness(Options(RoundRobinFairnessPolicy.TypeName));
        h.Submit(id: "busy");
        h.Submit("a");
        h.Submit("b");
        var flowsWhileQueued = h.Controller.ActiveFlowCount;

        // Act
        h.FinishOldest();
        h.FinishOldest();
        var flowsAfter = h.Controller.ActiveFlowCount;
        h.Submit("a");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(flowsWhileQueued, Is.EqualTo(2));
            Assert.That(flowsAfter, Is.Zero, "an empty flow keeps no state, so made-up fairness ids cannot pile up");
            Assert.That(h.Controller.ActiveFlowCount, Is.EqualTo(1));
        });
    }

    private static FlowControlOptions Options(string fairness) =>
        new() { DefaultBand = new BandOptions { FairnessPolicy = fairness }, RecheckInterval = TimeSpan.Zero };
}
