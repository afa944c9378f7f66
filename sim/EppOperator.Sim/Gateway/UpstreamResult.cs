namespace EppOperator.Sim.Gateway;

/// <summary>The upstream's response (with the endpoint that gave it), or why no endpoint could be reached.</summary>
internal sealed record UpstreamResult(HttpResponseMessage? Response, string? Endpoint, string? Error);
