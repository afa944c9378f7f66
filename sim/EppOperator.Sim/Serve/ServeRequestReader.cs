using System.Text;
using System.Text.Json;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Serve;

/// <summary>
/// Reads an OpenAI request body into a <see cref="ServeRequest"/>: the prompt (a completion's string, or the chat
/// messages rendered through <see cref="ChatTemplate"/>), the output limits and the streaming options. Anything
/// malformed is an expected outcome: the error text is what the client gets with HTTP 400.
/// </summary>
internal static class ServeRequestReader
{
    public static ServeRequest? TryRead(ReadOnlySpan<byte> body, ApiKind kind, out string? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail<ServeRequest>("the request body must be a JSON object", out error);

            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString()!.Length == 0)
            {
                return Fail<ServeRequest>("'model' is required", out error);
            }

            var prompt = kind == ApiKind.ChatCompletions ? ReadMessages(root, out error) : ReadPrompt(root, out error);
            if (prompt is null) return null;

            int? maxTokens = null;
            foreach (var name in (string[])["max_completion_tokens", "max_tokens"])
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < 1)
                {
                    return Fail<ServeRequest>($"'{name}' must be a positive integer", out error);
                }

                maxTokens = n;
                break;
            }

            if (root.TryGetProperty("n", out var choices) && !(choices.ValueKind == JsonValueKind.Number && choices.TryGetInt32(out var count) && count == 1))
            {
                return Fail<ServeRequest>("the simulator serves n = 1 only", out error);
            }

            var stream = Bool(root, "stream");
            var includeUsage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && Bool(options, "include_usage");
            return new ServeRequest(kind, model.GetString()!, prompt, maxTokens, Bool(root, "ignore_eos"), stream, includeUsage);
        }
        catch (JsonException ex)
        {
            return Fail<ServeRequest>("the request body is not valid JSON: " + ex.Message, out error);
        }
    }

    private static string? ReadPrompt(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("prompt", out var prompt)) return Fail<string>("'prompt' is required", out error);
        if (prompt.ValueKind == JsonValueKind.String) return NonEmpty(prompt.GetString()!, "'prompt'", out error);
        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
        {
            return NonEmpty(prompt[0].GetString()!, "'prompt'", out error);
        }

        return Fail<string>("'prompt' must be a string (the simulator serves one prompt per request)", out error);
    }

    private static string? ReadMessages(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Fail<string>("'messages' must be a non-empty array", out error);
        }

        var list = new List<ChatMessage>(messages.GetArrayLength());
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                return Fail<string>("every message needs a string 'role'", out error);
            }

            var content = message.TryGetProperty("content", out var c) ? Content(c) : "";
            if (content is null) return Fail<string>("message 'content' must be a string or an array of text parts", out error);
            list.Add(new ChatMessage(role.GetString()!, content));
        }

        return ChatTemplate.Render(list);
    }

    // Content is a string, null, or an array of parts of which the text parts count.
    private static string? Content(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        text.Append(t.GetString());
                    }
                }

                return text.ToString();
            default:
                return null;
        }
    }

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? NonEmpty(string text, string what, out string? error)
    {
        error = text.Length == 0 ? what + " must not be empty" : null;
        return error is null ? text : null;
    }

    private static T? Fail<T>(string message, out string? error)
        where T : class
    {
        error = message;
        return null;
    }
}
