namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Scales the weighted totals after scoring (e.g. down-weights endpoints with stale metrics). Multiplicative, so it
/// works whatever the scorer weights are.
/// </summary>
internal interface IScoreAdjuster : ISchedulingPlugin
{
    void Adjust(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> totals);
}
