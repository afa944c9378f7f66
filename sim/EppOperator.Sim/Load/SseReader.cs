using System.Text.Json;

namespace EppOperator.Sim.Load;

/// <summary>
/// Reads an OpenAI streaming response (server-sent events) the way a benchmark client does: the time of every
/// chunk that carries text, and the usage of the final chunk.
/// </summary>
internal static class SseReader
{
    /// <summary>Reads events until <c>[DONE]</c> or the end of the stream, calling <paramref name="onText"/> for
    /// every chunk with non-empty text and returning the usage when one was sent.</summary>
    public static async Task<StreamUsage?> ReadAsync(Stream stream, Action onText, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        StreamUsage? usage = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = line.AsMemory(6);
            if (data.Span.SequenceEqual("[DONE]")) break;

            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                var cached = u.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
                    && details.TryGetProperty("cached_tokens", out var c) ? c.GetInt32() : 0;
                usage = new StreamUsage(u.GetProperty("prompt_tokens").GetInt32(), u.GetProperty("completion_tokens").GetInt32(), cached);
            }

            if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0 && HasText(choices[0])) onText();
        }

        return usage;
    }

    private static bool HasText(JsonElement choice) =>
        (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0)
        || (choice.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0);
}
