using Envoy.Service.ExtProc.V3;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// The outcome of the request half of an ext_proc exchange: routed (mutated headers, the EPP's body, the
/// destination value), a local reply from the EPP, a clean close (Envoy continues without the EPP), or a failure.
/// </summary>
internal sealed record RequestDecision(
    HeaderBlock? Headers = null,
    byte[]? Body = null,
    string? Destination = null,
    ImmediateResponse? Immediate = null,
    ExtProcFailure? Failure = null,
    bool Closed = false);
