namespace EppOperator.Epp.Scheduling;

/// <summary>Chooses the target (and ordered fallbacks) from the scored candidates of a profile.</summary>
internal interface IPicker : ISchedulingPlugin
{
    /// <summary>Most endpoints a pick returns (<c>maxNumOfEndpoints</c>): the first is the target, the rest fallbacks.</summary>
    int MaxEndpoints { get; }

    /// <summary>
    /// Writes up to <see cref="MaxEndpoints"/> candidate positions, best first, into <paramref name="picked"/> and
    /// returns how many. <paramref name="totals"/> is parallel to <paramref name="selection"/>.
    /// </summary>
    int Pick(SchedulingCycle cycle, ReadOnlySpan<int> selection, ReadOnlySpan<double> totals, Span<int> picked);
}
