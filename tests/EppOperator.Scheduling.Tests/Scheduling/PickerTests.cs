using EppOperator.Epp.Scheduling.Pickers;

namespace EppOperator.Scheduling.Tests.Scheduling;

public sealed class PickerTests
{
    [Test]
    public void MaxScorePicker_DistinctTotals_PicksHighest()
    {
        var picked = CycleHarness.Pick(new MaxScorePicker("m"), [0.2, 2.9, 1.1], new Random(3));

        Assert.That(picked, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void MaxScorePicker_SingleEndpoint_PicksIt()
    {
        var picked = CycleHarness.Pick(new MaxScorePicker("m"), [0.0], new Random(3));

        Assert.That(picked, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void MaxScorePicker_NoCandidates_PicksNothing()
    {
        var picked = CycleHarness.Pick(new MaxScorePicker("m", 3), [], new Random(3));

        Assert.That(picked, Is.Empty);
    }

    [Test]
    public void MaxScorePicker_ThreeWayTie_EachChosenAboutAThird()
    {
        var random = new Random(11);
        var counts = new int[4];

        for (var i = 0; i < 6_000; i++) counts[CycleHarness.Pick(new MaxScorePicker("m"), [2.0, 1.0, 2.0, 2.0], random)[0]]++;

        Assert.That(counts[1], Is.Zero);
        Assert.That(new[] { counts[0], counts[2], counts[3] }, Has.All.InRange(1_800, 2_200));
    }

    [Test]
    public void MaxScorePicker_SeveralEndpoints_BestFirstThenFallbacks()
    {
        var picked = CycleHarness.Pick(new MaxScorePicker("m", 3), [0.5, 3.0, 0.1, 2.0], new Random(5));

        Assert.That(picked, Is.EqualTo(new[] { 1, 3, 0 }));
    }

    [Test]
    public void MaxScorePicker_MoreRequestedThanCandidates_ReturnsAllOrdered()
    {
        var picked = CycleHarness.Pick(new MaxScorePicker("m", 5), [1.0, 2.0], new Random(5));

        Assert.That(picked, Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void MaxScorePicker_TiesWithFallbacks_TiedOrderIsRandom()
    {
        var random = new Random(8);
        var firstIsZero = 0;

        for (var i = 0; i < 2_000; i++)
        {
            var picked = CycleHarness.Pick(new MaxScorePicker("m", 2), [1.0, 1.0, 0.0], random);
            Assert.That(picked, Is.EquivalentTo(new[] { 0, 1 }));
            if (picked[0] == 0) firstIsZero++;
        }

        Assert.That(firstIsZero, Is.InRange(850, 1_150));
    }

    [Test]
    public void RandomPicker_IgnoresScores_Uniform()
    {
        var random = new Random(13);
        var counts = new int[3];

        for (var i = 0; i < 6_000; i++) counts[CycleHarness.Pick(new RandomPicker("r"), [100.0, 0.0, 0.0], random)[0]]++;

        Assert.That(counts, Has.All.InRange(1_800, 2_200));
    }

    [Test]
    public void RandomPicker_SeveralEndpoints_DistinctPicks()
    {
        var picked = CycleHarness.Pick(new RandomPicker("r", 3), [1, 1, 1, 1, 1], new Random(2));

        Assert.That(picked, Has.Length.EqualTo(3).And.Unique);
    }

    [Test]
    public void RandomPicker_NoCandidates_PicksNothing()
    {
        var picked = CycleHarness.Pick(new RandomPicker("r"), [], new Random(2));

        Assert.That(picked, Is.Empty);
    }

    [Test]
    public void WeightedRandomPicker_WeightsOneToThree_ChosenProportionally()
    {
        var random = new Random(17);
        var counts = new int[2];

        for (var i = 0; i < 8_000; i++) counts[CycleHarness.Pick(new WeightedRandomPicker("w"), [1.0, 3.0], random)[0]]++;

        Assert.That(counts[1], Is.InRange(5_750, 6_250));
    }

    [Test]
    public void WeightedRandomPicker_ZeroScoreNextToPositive_NeverChosen()
    {
        var random = new Random(19);

        var picks = Enumerable.Range(0, 2_000).Select(_ => CycleHarness.Pick(new WeightedRandomPicker("w"), [0.0, 0.01], random)[0]);

        Assert.That(picks, Has.All.EqualTo(1));
    }

    [Test]
    public void WeightedRandomPicker_AllZero_Uniform()
    {
        var random = new Random(23);
        var counts = new int[2];

        for (var i = 0; i < 4_000; i++) counts[CycleHarness.Pick(new WeightedRandomPicker("w"), [0.0, 0.0], random)[0]]++;

        Assert.That(counts, Has.All.InRange(1_850, 2_150));
    }

    [Test]
    public void WeightedRandomPicker_SeveralEndpoints_DistinctPicks()
    {
        var picked = CycleHarness.Pick(new WeightedRandomPicker("w", 3), [0.5, 1.0, 2.0, 0.0], new Random(29));

        Assert.That(picked, Has.Length.EqualTo(3).And.Unique);
    }
}
