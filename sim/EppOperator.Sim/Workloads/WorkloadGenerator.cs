namespace EppOperator.Sim.Workloads;

/// <summary>
/// Turns a definition, a fleet size, a rate and a seed into a concrete plan. Every random stream is derived from
/// the seed, so the same inputs give the same plan on any machine.
/// </summary>
internal static class WorkloadGenerator
{
    private const int SystemStream = 1;
    private const int QuestionStream = 2;

    public static WorkloadPlan Generate(WorkloadDefinition definition, int pods, double load, double ratePerSecond, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pods);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);

        var groups = definition.GroupsFor(pods);
        var users = definition.UsersPerGroup;
        var lengths = new Random(SyntheticText.DeriveSeed(seed, 0, 0));
        var systemTexts = new string[groups];
        for (var g = 0; g < groups; g++)
        {
            systemTexts[g] = SyntheticText.Generate(
                new Random(SyntheticText.DeriveSeed(seed, SystemStream, g)), definition.SystemTokens.Sample(lengths));
        }

        var perUserQuestions = definition.FreshQuestions ? null : new string[groups * users];
        if (perUserQuestions is not null)
        {
            for (var i = 0; i < perUserQuestions.Length; i++)
            {
                perUserQuestions[i] = SyntheticText.Generate(
                    new Random(SyntheticText.DeriveSeed(seed, QuestionStream, i)), definition.QuestionTokens.Sample(lengths));
            }
        }

        var order = Enumerable.Range(0, groups * users).ToArray();
        var picker = new Random(SyntheticText.DeriveSeed(seed, 3, 0));
        if (definition.Order == "cycle") picker.Shuffle(order);

        var arrivals = Arrivals(definition, ratePerSecond, new Random(SyntheticText.DeriveSeed(seed, 4, 0)));
        var outputs = new Random(SyntheticText.DeriveSeed(seed, 5, 0));
        var requests = new List<PlannedRequest>(arrivals.Count);
        for (var i = 0; i < arrivals.Count; i++)
        {
            var slot = definition.Order == "cycle" ? order[i % order.Length] : picker.Next(order.Length);
            var (group, user) = (slot / users, slot % users);
            var question = perUserQuestions?[slot] ?? SyntheticText.Generate(
                new Random(SyntheticText.DeriveSeed(seed, QuestionStream, i, 1)), definition.QuestionTokens.Sample(outputs));
            requests.Add(new PlannedRequest(
                i, arrivals[i], group, user, systemTexts[group], question,
                definition.OutputTokens.Sample(outputs), arrivals[i] >= definition.WarmupSeconds));
        }

        return new WorkloadPlan(definition, pods, load, ratePerSecond, seed, requests);
    }

    /// <summary>Open-loop arrival times in seconds over warm-up plus duration.</summary>
    public static List<double> Arrivals(WorkloadDefinition definition, double meanRate, Random random)
    {
        var end = definition.WarmupSeconds + definition.DurationSeconds;
        var arrival = definition.Arrival;
        var times = new List<double>((int)(meanRate * end * 1.1) + 16);
        var t = 0.0;
        while (t < end)
        {
            double rate, phaseEnd;
            if (arrival.IsBursty)
            {
                var period = arrival.OnSeconds + arrival.OffSeconds;
                var phase = t % period;
                var on = phase < arrival.OnSeconds;
                rate = meanRate * (on ? arrival.PeakFactor : arrival.OffFactor);
                phaseEnd = t - phase + (on ? arrival.OnSeconds : period);

                // Rounding can put t a hair before a boundary it already reached; step over it.
                if (phaseEnd <= t) phaseEnd = t + 1e-9;
            }
            else
            {
                rate = meanRate;
                phaseEnd = end;
            }

            if (rate <= 0)
            {
                t = phaseEnd;
                continue;
            }

            // The process is memoryless, so restarting the draw at a phase boundary keeps it Poisson in each phase.
            var next = t - Math.Log(1.0 - random.NextDouble()) / rate;
            if (next >= phaseEnd)
            {
                t = phaseEnd;
                continue;
            }

            t = next;
            if (t < end) times.Add(t);
        }

        return times;
    }
}
