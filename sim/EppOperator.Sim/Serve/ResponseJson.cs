using System.Text.Encodings.Web;
using System.Text.Json;

namespace EppOperator.Sim.Serve;

/// <summary>
/// OpenAI response objects in vLLM's shape: streamed chunks (<c>chat.completion.chunk</c>, <c>text_completion</c>),
/// the final usage chunk, whole responses, and errors (<c>{"error":{message,type,param,code}}</c>).
/// </summary>
internal static class ResponseJson
{
    /// <summary>Only JSON-mandated escapes: responses go to API clients, never into HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteChunk(Utf8JsonWriter json, ApiKind kind, string id, long created, string model, string? role, string text, string? finishReason)
    {
        BeginFirstChoice(json, id, kind == ApiKind.ChatCompletions ? "chat.completion.chunk" : "text_completion", created, model);
        ChoiceText(json, kind, "delta", role, text);
        json.WriteNull("logprobs");
        Nullable(json, "finish_reason", finishReason);
        if (kind == ApiKind.Completions) json.WriteNull("stop_reason");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteUsageChunk(Utf8JsonWriter json, ApiKind kind, string id, long created, string model, int prompt, int completion, int cached)
    {
        json.WriteStartObject();
        Header(json, id, kind == ApiKind.ChatCompletions ? "chat.completion.chunk" : "text_completion", created, model);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        Usage(json, prompt, completion, cached);
        json.WriteEndObject();
    }

    public static void WriteResponse(Utf8JsonWriter json, ApiKind kind, string id, long created, string model, string text, string finishReason, int prompt, int completion, int cached)
    {
        BeginFirstChoice(json, id, kind == ApiKind.ChatCompletions ? "chat.completion" : "text_completion", created, model);
        ChoiceText(json, kind, "message", "assistant", text);
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", finishReason);
        json.WriteNull("stop_reason");
        json.WriteEndObject();
        json.WriteEndArray();
        Usage(json, prompt, completion, cached);
        json.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter json, int status, string type, string message)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        json.WriteNumber("code", status);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // Opens the object, writes its header and opens choices[0]; the caller writes the choice's content.
    private static void BeginFirstChoice(Utf8JsonWriter json, string id, string type, long created, string model)
    {
        json.WriteStartObject();
        Header(json, id, type, created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
    }

    // A chat choice carries the text in a delta or message object (with the role when given), a completion's directly.
    private static void ChoiceText(Utf8JsonWriter json, ApiKind kind, string chatObject, string? role, string text)
    {
        if (kind != ApiKind.ChatCompletions)
        {
            json.WriteString("text", text);
            return;
        }

        json.WriteStartObject(chatObject);
        if (role is not null) json.WriteString("role", role);
        json.WriteString("content", text);
        json.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter json, string id, string type, long created, string model)
    {
        json.WriteString("id", id);
        json.WriteString("object", type);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void Usage(Utf8JsonWriter json, int prompt, int completion, int cached)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", prompt);
        json.WriteNumber("total_tokens", prompt + completion);
        json.WriteNumber("completion_tokens", completion);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", cached);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
