using System.Diagnostics;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// One scheduling profile: filters narrow the candidates, each scorer's output is clamped to [0, 1] and added with
/// its weight (the raw sum Σ weight·score, not normalised, as the reference), adjusters scale the totals, and the
/// picker chooses. Works on index spans over the cycle's buffers: nothing is allocated per candidate.
/// </summary>
internal sealed class SchedulerProfile
{
    public const string NoEndpointsAvailable = "no endpoints available for the given request";

    // Arrays, not the lists they came from: a foreach over an IReadOnlyList boxes its enumerator, which the JIT does
    // not always keep on the stack, and Run is on every decision.
    private readonly IFilter[] _filters;
    private readonly WeightedScorer[] _scorers;
    private readonly IScoreAdjuster[] _adjusters;

    public SchedulerProfile(string name, IReadOnlyList<IFilter> filters, IReadOnlyList<WeightedScorer> scorers, IReadOnlyList<IScoreAdjuster> adjusters, IPicker picker)
    {
        Name = name;
        _filters = [.. filters];
        _scorers = [.. scorers];
        _adjusters = [.. adjusters];
        Picker = picker;
    }

    public string Name { get; }

    public IReadOnlyList<IFilter> Filters => _filters;

    public IReadOnlyList<WeightedScorer> Scorers => _scorers;

    public IReadOnlyList<IScoreAdjuster> Adjusters => _adjusters;

    public IPicker Picker { get; }

    /// <summary>Runs the profile; its picks are written to <paramref name="picks"/> from <paramref name="start"/> on.</summary>
    public ProfileOutcome Run(SchedulingCycle cycle, Span<int> picks, int start, SchedulerMetrics? metrics)
    {
        var selection = cycle.Selection;
        for (var i = 0; i < selection.Length; i++) selection[i] = i;
        var count = selection.Length;
        if (count == 0) return new ProfileOutcome(true, start, 0, NoEndpointsAvailable);

        foreach (var filter in _filters)
        {
            var t = metrics is null ? 0 : Stopwatch.GetTimestamp();
            count = filter.Filter(cycle, selection[..count]);
            metrics?.RecordPlugin(ExtensionPoints.Filter, filter, t);
            if (count == 0) return new ProfileOutcome(true, start, 0, NoEndpointsAvailable);
        }

        var kept = selection[..count];
        var totals = cycle.Totals[..count];
        var scores = cycle.Scores[..count];
        totals.Clear();
        foreach (var (scorer, weight) in _scorers)
        {
            var t = metrics is null ? 0 : Stopwatch.GetTimestamp();
            scorer.Score(cycle, kept, scores);
            for (var j = 0; j < scores.Length; j++)
            {
                var score = scores[j];

                // NaN fails both comparisons and would poison the sum; treat it as no preference.
                score = score >= 0 ? (score <= 1 ? score : 1) : 0;
                totals[j] += weight * score;
            }

            metrics?.RecordPlugin(ExtensionPoints.Scorer, scorer, t);
        }

        foreach (var adjuster in _adjusters) adjuster.Adjust(cycle, kept, totals);

        var tp = metrics is null ? 0 : Stopwatch.GetTimestamp();
        var picked = Picker.Pick(cycle, kept, totals, picks.Slice(start, Picker.MaxEndpoints));
        metrics?.RecordPlugin(ExtensionPoints.Picker, Picker, tp);
        return new ProfileOutcome(true, start, picked, picked == 0 ? NoEndpointsAvailable : null);
    }

    public override string ToString() => Name;
}
