using System.Text;
using System.Text.Json;
using EppOperator.Epp.Requests;

namespace EppOperator.Sim.Load;

/// <summary>
/// Reads an OpenAI streaming response (server-sent events) the way a benchmark client does: the time of every
/// chunk that carries text, and the usage of the final chunk (read by the EPP's own <see cref="ResponseUsageReader"/>).
/// </summary>
internal static class SseReader
{
    /// <summary>Reads events until <c>[DONE]</c> or the end of the stream, calling <paramref name="onText"/> for
    /// every chunk with non-empty text and returning the usage when one was sent. An event that is not a JSON object
    /// throws <see cref="JsonException"/>; fields of an unexpected shape are ignored.</summary>
    public static async Task<ResponseUsage?> ReadAsync(Stream stream, Action onText, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        ResponseUsage? usage = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = line.AsMemory(6);
            if (data.Span.SequenceEqual("[DONE]")) break;

            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("an event's data is not a JSON object");
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
                && ResponseUsageReader.TryRead(Encoding.UTF8.GetBytes(line, 6, line.Length - 6), out var read))
            {
                usage = read;
            }

            if (root.TryGetProperty("choices", out var choices) && HasText(choices)) onText();
        }

        return usage;
    }

    private static bool HasText(JsonElement choices) =>
        choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 && choices[0] is { ValueKind: JsonValueKind.Object } choice
        && (NonEmptyString(choice, "text")
            || (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object && NonEmptyString(delta, "content")));

    private static bool NonEmptyString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
}
