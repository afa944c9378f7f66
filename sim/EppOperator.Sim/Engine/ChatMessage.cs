namespace EppOperator.Sim.Engine;

/// <summary>One chat message with its text content (multi-part content is joined by the HTTP layer).</summary>
internal readonly record struct ChatMessage(string Role, string Content);
