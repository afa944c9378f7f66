namespace EppOperator.Sim.Load;

/// <summary>The usage a streamed response reported in its final chunk.</summary>
internal readonly record struct StreamUsage(int PromptTokens, int CompletionTokens, int CachedTokens);
