using EppOperator.Epp.Requests;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// The answer of <see cref="AdmissionController"/>: an error to send, or admitted. A request admitted through flow
/// control carries its <see cref="Ticket"/>, whose capacity reservation ends with <see cref="Placed"/>: call it once
/// the scheduler has picked (or failed to), after the lifecycle hooks counted the request in flight.
/// </summary>
internal readonly record struct Admission(InferenceError? Error, FlowItem? Ticket)
{
    public bool Admitted => Error is null;

    public void Placed()
    {
        if (Ticket is { } ticket) ticket.Owner.Placed(ticket);
    }
}
