using Envoy.Service.ExtProc.V3;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// One request scenario from the reference EPP's integration tests (epp-protocol.md §7): the messages the proxy
/// sends and what must come back, either a route (allowed endpoints, forwarded body) or an ImmediateResponse.
/// </summary>
internal sealed record RoutingVector(string Name, Func<ProcessingRequest[]> Messages)
{
    /// <summary>Endpoints any of which may be picked (round-robin cannot reproduce score-based picks).</summary>
    public string[] AllowedEndpoints { get; init; } = [];

    /// <summary>The body the model server must receive; null for a headers-only request.</summary>
    public string? ForwardedBody { get; init; }

    public int? ErrorStatus { get; init; }

    /// <summary>Exact ImmediateResponse body, or a prefix when it ends with <c>*</c>.</summary>
    public string? ErrorBody { get; init; }
}
