namespace EppOperator.Epp.Scheduling;

/// <summary>Narrows the candidates of a profile before scoring.</summary>
internal interface IFilter : ISchedulingPlugin
{
    /// <summary>
    /// Keeps some of <paramref name="selection"/> (candidate positions in <see cref="SchedulingCycle.Endpoints"/>),
    /// moving the kept ones to the front, and returns how many were kept. Zero ends the profile without a pick.
    /// </summary>
    int Filter(SchedulingCycle cycle, Span<int> selection);
}
