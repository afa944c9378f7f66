using EppOperator.Sim.Tune;

namespace EppOperator.Sim.Tests.Tune;

public class WeightGridTests
{
    private static readonly string[] Known = ["prefix-cache-scorer", "queue-scorer", "kv-cache-utilization-scorer", "predicted-ttft-scorer"];

    [Test]
    public void TryParse_DefaultGrid_IsTheCartesianProduct()
    {
        var grid = WeightGrid.TryParse(WeightGrid.Default, Known, out var error);

        Assert.That(error, Is.Null);
        Assert.That(grid, Has.Count.EqualTo(96));
        Assert.That(grid!.Select(p => p.Label), Is.Unique);
    }

    [Test]
    public void TryParse_AllZeroPoint_IsDropped()
    {
        var grid = WeightGrid.TryParse("queue-scorer=0,1;kv-cache-utilization-scorer=0,2", Known, out _);

        Assert.That(grid!.Select(p => p.Label), Is.EquivalentTo(new[] { "kv-cache-utilization=2", "queue=1", "queue=1,kv-cache-utilization=2" }));
    }

    [TestCase("queue-scorer", "is not scorer-type=")]
    [TestCase("made-up-scorer=1", "unknown scorer 'made-up-scorer'")]
    [TestCase("queue-scorer=1;queue-scorer=2", "appears twice")]
    [TestCase("queue-scorer=-1", "is not a weight")]
    [TestCase("", "the grid is empty")]
    public void TryParse_Malformed_SaysWhatIsWrong(string text, string expected)
    {
        var grid = WeightGrid.TryParse(text, Known, out var error);

        Assert.That(grid, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void ToConfigYaml_Weights_WritesOneProfileWithTheNonZeroScorers()
    {
        var weights = new ScorerWeights([new("prefix-cache-scorer", 3), new("queue-scorer", 5), new("kv-cache-utilization-scorer", 0)]);

        Assert.That(weights.ToConfigYaml(), Is.EqualTo("""
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - type: prefix-cache-scorer
            - type: queue-scorer
            schedulingProfiles:
            - name: default
              plugins:
              - pluginRef: prefix-cache-scorer
                weight: 3
              - pluginRef: queue-scorer
                weight: 5

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void ToConfigYaml_BlendInFlightOff_SwitchesItOffOnTheQueueScorerOnly()
    {
        var weights = new ScorerWeights([new("prefix-cache-scorer", 3), new("queue-scorer", 2)]);

        var yaml = weights.ToConfigYaml(blendInFlight: false);

        Assert.That(yaml, Does.Contain("- type: queue-scorer\n  parameters:\n    blendInFlight: false\n"));
        Assert.That(yaml, Does.Contain("- type: prefix-cache-scorer\n- type: queue-scorer"));
    }
}
