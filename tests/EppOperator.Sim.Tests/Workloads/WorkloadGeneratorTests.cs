using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Workloads;

public class WorkloadGeneratorTests
{
    private static WorkloadDefinition Definition(string order = "random", string questions = "fresh", ArrivalDefinition? arrival = null) => new()
    {
        Name = "t",
        Groups = 8,
        UsersPerGroup = 3,
        SystemTokens = TokenDistribution.Fixed(100),
        QuestionTokens = new TokenDistribution { Mean = 40, StdDev = 10, Min = 5, Max = 80 },
        OutputTokens = new TokenDistribution { Mean = 50, StdDev = 30, Min = 1, Max = 200, Shape = "lognormal" },
        Questions = questions,
        Order = order,
        Arrival = arrival ?? new ArrivalDefinition(),
        WarmupSeconds = 10,
        DurationSeconds = 590,
    };

    [Test]
    public void Generate_SameSeed_GivesTheSamePlan()
    {
        var a = WorkloadGenerator.Generate(Definition(), pods: 8, load: 1, ratePerSecond: 5, seed: 3);
        var b = WorkloadGenerator.Generate(Definition(), pods: 8, load: 1, ratePerSecond: 5, seed: 3);
        var c = WorkloadGenerator.Generate(Definition(), pods: 8, load: 1, ratePerSecond: 5, seed: 4);

        Assert.That(b.Requests, Is.EqualTo(a.Requests));
        Assert.That(c.Requests.Select(r => r.ArrivalSeconds), Is.Not.EqualTo(a.Requests.Select(r => r.ArrivalSeconds)));
    }

    [Test]
    public void Generate_Poisson_MeanRateMatchesWithinSamplingError()
    {
        var plan = WorkloadGenerator.Generate(Definition(), pods: 8, load: 1, ratePerSecond: 10, seed: 1);

        // 6,000 expected arrivals; a Poisson count has a standard deviation of about 77.
        Assert.That(plan.Requests.Count, Is.InRange(5700, 6300));
        Assert.That(plan.Requests.Select(r => r.ArrivalSeconds), Is.Ordered);
        Assert.That(plan.Requests.Count(r => !r.Measured), Is.InRange(50, 150), "ten seconds of warm-up");
    }

    [Test]
    public void Generate_Bursty_ArrivalsOnlyInOnPhasesAtThePeakRate()
    {
        var arrival = new ArrivalDefinition { Type = "bursty", OnSeconds = 2, OffSeconds = 10, PeakFactor = 6 };

        var plan = WorkloadGenerator.Generate(Definition(arrival: arrival), pods: 8, load: 1, ratePerSecond: 10, seed: 1);

        Assert.That(plan.Requests.All(r => r.ArrivalSeconds % 12 < 2), Is.True);
        Assert.That(plan.Requests.Count, Is.InRange(5700, 6300), "the long-run mean rate is kept");
    }

    [Test]
    public void Generate_CycleOrder_VisitsEveryUserOncePerCycle()
    {
        var plan = WorkloadGenerator.Generate(Definition(order: "cycle", questions: "per-user"), pods: 8, load: 1, ratePerSecond: 2, seed: 1);

        var firstCycle = plan.Requests.Take(24).Select(r => (r.Group, r.User)).ToList();
        var secondCycle = plan.Requests.Skip(24).Take(24).Select(r => (r.Group, r.User)).ToList();

        Assert.That(firstCycle, Is.Unique);
        Assert.That(firstCycle, Has.Count.EqualTo(24));
        Assert.That(secondCycle, Is.EqualTo(firstCycle));
    }

    [Test]
    public void Generate_PerUserQuestions_RepeatTheSamePromptForTheSameUser()
    {
        var plan = WorkloadGenerator.Generate(Definition(order: "cycle", questions: "per-user"), pods: 8, load: 1, ratePerSecond: 2, seed: 1);

        var first = plan.Requests[0];
        var repeat = plan.Requests.Skip(1).First(r => r.Group == first.Group && r.User == first.User);

        Assert.That((repeat.SystemText, repeat.QuestionText), Is.EqualTo((first.SystemText, first.QuestionText)));
    }

    [Test]
    public void Generate_SameGroup_SharesTheSystemTextAndTokenCount()
    {
        var plan = WorkloadGenerator.Generate(Definition(), pods: 8, load: 1, ratePerSecond: 5, seed: 1);

        var group = plan.Requests.Where(r => r.Group == 0).ToList();

        Assert.That(group.Select(r => r.SystemText).Distinct().Count(), Is.EqualTo(1));
        Assert.That(group[0].SystemText, Has.Length.EqualTo(400));
    }

    [TestCase(8, 8)]
    [TestCase(4, 4)]
    [TestCase(16, 16)]
    [TestCase(1, 1)]
    public void GroupsFor_Pods_ScalesTheEightPodGroupCount(int pods, int expected) =>
        Assert.That(Definition().GroupsFor(pods), Is.EqualTo(expected));

    [Test]
    public void Sample_Lognormal_KeepsTheMeanAndTheBounds()
    {
        var distribution = new TokenDistribution { Mean = 250, StdDev = 250, Min = 10, Max = 2000, Shape = "lognormal" };
        var random = new Random(5);

        var samples = Enumerable.Range(0, 20_000).Select(_ => distribution.Sample(random)).ToList();

        Assert.That(samples.Min(), Is.GreaterThanOrEqualTo(10));
        Assert.That(samples.Max(), Is.LessThanOrEqualTo(2000));
        Assert.That(samples.Average(), Is.EqualTo(250).Within(15));
    }
}
