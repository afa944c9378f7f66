using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Bench;

/// <summary>
/// One priority class of a run (<c>priority&gt;=0</c> or <c>sheddable</c>): what its measured requests saw, and how
/// many of them admission refused (shed with 429, or evicted from the flow-control queue).
/// </summary>
internal sealed record PriorityClassOutcome(string Class, PolicyResult Result, int Refused)
{
    /// <summary>The class of requests with priority 0 or more.</summary>
    public const string PriorityClass = "priority>=0";

    /// <summary>The class of requests with a negative priority.</summary>
    public const string SheddableClass = "sheddable";

    /// <summary>Refused measured requests over all measured requests of the class.</summary>
    public double RefusedFraction => Result.Requests == 0 ? 0 : (double)Refused / Result.Requests;
}
