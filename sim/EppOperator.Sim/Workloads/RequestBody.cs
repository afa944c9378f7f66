namespace EppOperator.Sim.Workloads;

/// <summary>An OpenAI request body as the load generator sends it, and the path it goes to.</summary>
internal sealed record RequestBody(string Path, byte[] Bytes);
