using EppOperator.Epp.Scheduling.Scorers;

namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>prefix-cache-affinity-filter</c>: keeps only the "sticky" candidates whose prefix match is at least the
/// threshold (0.80), unless none are, unless a random draw below the exploration rate (0.01) asks to keep all, or
/// unless the best sticky candidate's estimated TTFT is more than <c>maxTTFTPenaltyMs</c> (5000) worse than the best
/// other one. The reference takes TTFT from its latency predictor; here the estimate is <see cref="TtftModel"/>.
/// </summary>
internal sealed class PrefixCacheAffinityFilter(string name, double threshold, double exploration, double maxTtftPenaltyMs, TtftModel model)
    : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "prefix-cache-affinity-filter";
    public const double DefaultThreshold = 0.80;
    public const double DefaultExploration = 0.01;
    public const double DefaultMaxTtftPenaltyMs = 5000;

    public override string Type => TypeName;

    public double Threshold { get; } = threshold;

    public double Exploration { get; } = exploration;

    public double MaxTtftPenaltyMs { get; } = maxTtftPenaltyMs;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (cycle.PrefixHashCount == 0 || cycle.Random.NextDouble() < Exploration) return selection.Length;

        double bestSticky = double.PositiveInfinity, bestOther = double.PositiveInfinity;
        var sticky = 0;
        foreach (var i in selection)
        {
            var ttft = model.EstimateSeconds(cycle, i);
            if (cycle.PrefixMatchRatioAt(i) >= Threshold)
            {
                sticky++;
                bestSticky = Math.Min(bestSticky, ttft);
            }
            else
            {
                bestOther = Math.Min(bestOther, ttft);
            }
        }

        if (sticky == 0 || sticky == selection.Length) return selection.Length;
        if ((bestSticky - bestOther) * 1000 > MaxTtftPenaltyMs) return selection.Length;
        return FilterSelection.Keep(selection, (cycle, Threshold), static (s, i) => s.cycle.PrefixMatchRatioAt(i) >= s.Threshold);
    }
}
