namespace EppOperator.Sim.Workloads;

/// <summary>
/// An OpenAI request body as the load generator sends it, plus where its prompt-bearing JSON value (the chat
/// <c>messages</c> array or the completion <c>prompt</c> string) sits in it: the bytes an EPP hashes.
/// </summary>
internal sealed record RequestBody(string Path, byte[] Bytes, int PromptStart, int PromptLength)
{
    public ReadOnlyMemory<byte> PromptJson => Bytes.AsMemory(PromptStart, PromptLength);
}
