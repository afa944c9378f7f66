namespace EppOperator.Epp.Scheduling.Pickers;

/// <summary>
/// <c>max-score-picker</c>: the highest total wins; ties are broken uniformly at random (the reference shuffles then
/// stable-sorts; here one reservoir pass gives the same distribution without sorting).
/// </summary>
internal sealed class MaxScorePicker(string name, int maxEndpoints = 1) : SchedulingPlugin(name), IPicker
{
    public const string TypeName = "max-score-picker";

    public override string Type => TypeName;

    public int MaxEndpoints { get; } = maxEndpoints;

    public int Pick(SchedulingCycle cycle, ReadOnlySpan<int> selection, ReadOnlySpan<double> totals, Span<int> picked) =>
        TopCandidates.Select(selection, totals, cycle.Random, picked[..Math.Min(picked.Length, MaxEndpoints)]);
}
