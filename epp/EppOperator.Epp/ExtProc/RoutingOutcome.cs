using EppOperator.Epp.Requests;

namespace EppOperator.Epp.ExtProc;

/// <summary>Either a <see cref="RoutingDecision"/> or the <see cref="InferenceError"/> to answer with.</summary>
internal readonly record struct RoutingOutcome(RoutingDecision? Decision, InferenceError? Error)
{
    public static implicit operator RoutingOutcome(RoutingDecision decision) => new(decision, null);

    public static implicit operator RoutingOutcome(InferenceError error) => new(null, error);
}
