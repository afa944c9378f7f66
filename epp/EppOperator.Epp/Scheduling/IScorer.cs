namespace EppOperator.Epp.Scheduling;

/// <summary>Rates each candidate of a profile; the profile clamps every score to [0, 1] and weights it.</summary>
internal interface IScorer : ISchedulingPlugin
{
    /// <summary>Writes one score per entry of <paramref name="selection"/>, in the same order, into <paramref name="scores"/>.</summary>
    void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores);
}
