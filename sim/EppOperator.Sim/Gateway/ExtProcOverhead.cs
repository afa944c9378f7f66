using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// Time a request spent waiting for the EPP, measured at the gateway, in milliseconds: <see cref="RequestMs"/> from
/// the first message sent to the request-headers answer (the routing decision, including the body's trip);
/// <see cref="ResponseHeadersMs"/> and <see cref="FirstBodyChunkMs"/> the round trips that delay the first token;
/// <see cref="TotalMs"/> their sum per request, the EPP's cost on the client's time to first token.
/// </summary>
internal sealed record ExtProcOverhead(
    int Requests,
    LatencySummary RequestMs,
    LatencySummary ResponseHeadersMs,
    LatencySummary FirstBodyChunkMs,
    LatencySummary TotalMs,
    int FailOpen,
    int FailClosed);
