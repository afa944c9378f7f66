namespace EppOperator.Epp.Requests;

/// <summary>Token usage reported by the model server in the response body (JSON or the SSE usage chunk).</summary>
internal readonly record struct ResponseUsage(int PromptTokens, int CompletionTokens, int TotalTokens, int CachedTokens);
