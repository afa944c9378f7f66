namespace EppOperator.Sim.Gateway;

/// <summary>The client's request body as the gateway kept it: null when it exceeded the limit.</summary>
internal sealed record ClientRequestBody(byte[]? Body, bool HadTrailers);
