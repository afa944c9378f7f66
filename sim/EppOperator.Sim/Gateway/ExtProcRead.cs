using Envoy.Service.ExtProc.V3;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// One read from the EPP: a message, a clean close (neither: Envoy then continues without the EPP) or a failure.
/// </summary>
internal readonly record struct ExtProcRead(ProcessingResponse? Message, ExtProcFailure? Failure)
{
    public bool Closed => Message is null && Failure is null;
}
