namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>stale-metrics-filter</c> (an extension; the reference scores arbitrarily old data): a candidate whose last
/// successful scrape is older than <see cref="StaleAfter"/> has its total multiplied by <see cref="StaleWeight"/>;
/// older than <see cref="ExcludeAfter"/> it is dropped (a dead or wedged pod keeps its last good numbers and would
/// otherwise keep attracting traffic). Exclusion only applies while at least <see cref="MinFreshFraction"/> of the
/// candidates are fresh: when most of the pool cannot be scraped the fault is more likely the scraping than the pods,
/// and sending everything to the few that can would overload them; then the old ones are only down-weighted. A
/// never-scraped endpoint counts as infinitely old. <see cref="TimeSpan.Zero"/> disables either step.
/// </summary>
internal sealed class StaleMetricsFilter(string name, TimeSpan staleAfter, TimeSpan excludeAfter, double staleWeight, double minFreshFraction = StaleMetricsFilter.DefaultMinFreshFraction)
    : SchedulingPlugin(name), IFilter, IScoreAdjuster
{
    public const string TypeName = "stale-metrics-filter";
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultExcludeAfter = TimeSpan.FromSeconds(10);
    public const double DefaultStaleWeight = 0.5;
    public const double DefaultMinFreshFraction = 0.5;

    public override string Type => TypeName;

    public TimeSpan StaleAfter { get; } = staleAfter;

    public TimeSpan ExcludeAfter { get; } = excludeAfter;

    public double StaleWeight { get; } = staleWeight;

    public double MinFreshFraction { get; } = minFreshFraction;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (ExcludeAfter <= TimeSpan.Zero) return selection.Length;
        var fresh = 0;
        foreach (var i in selection)
        {
            if (cycle.MetricsAgeAt(i) <= ExcludeAfter) fresh++;
        }

        if (fresh == selection.Length || fresh == 0 || fresh < MinFreshFraction * selection.Length) return selection.Length;
        return FilterSelection.Keep(selection, (cycle, ExcludeAfter), static (s, i) => s.cycle.MetricsAgeAt(i) <= s.ExcludeAfter);
    }

    public void Adjust(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> totals)
    {
        if (StaleAfter <= TimeSpan.Zero || StaleWeight >= 1) return;
        for (var j = 0; j < selection.Length; j++)
        {
            if (cycle.MetricsAgeAt(selection[j]) > StaleAfter) totals[j] *= StaleWeight;
        }
    }
}
