namespace EppOperator.Sim.Engine;

/// <summary>A prompt as the engine sees it: its length in tokens and the chained hashes of its full blocks.</summary>
internal sealed record TokenizedPrompt(int Tokens, ulong[] BlockHashes);
