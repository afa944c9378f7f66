using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// The outcome of one scheduling decision: the chosen endpoint plus ordered fallbacks, or the reason none
/// could be chosen (the request path answers 429 with it, as the reference does).
/// </summary>
internal sealed class SchedulingResult
{
    private SchedulingResult(Endpoint? primary, IReadOnlyList<Endpoint> fallbacks, string? failureReason)
    {
        Primary = primary;
        Fallbacks = fallbacks;
        FailureReason = failureReason;
    }

    public Endpoint? Primary { get; }

    /// <summary>Retry targets in order, after <see cref="Primary"/>; empty unless the picker returns several.</summary>
    public IReadOnlyList<Endpoint> Fallbacks { get; }

    public string? FailureReason { get; }

    public bool Succeeded => Primary is not null;

    public static SchedulingResult Picked(Endpoint primary) => new(primary, [], null);

    public static SchedulingResult Picked(Endpoint primary, IReadOnlyList<Endpoint> fallbacks) => new(primary, fallbacks, null);

    public static SchedulingResult Failed(string reason) => new(null, [], reason);
}
