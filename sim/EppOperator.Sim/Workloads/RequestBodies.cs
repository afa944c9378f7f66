using System.Buffers;
using System.Text.Json;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Workloads;

/// <summary>
/// Builds the wire form of a planned request and the prompt text the simulated server will tokenize for it. The
/// load generator, the virtual benchmark and the server all go through here, so they agree byte for byte.
/// </summary>
internal static class RequestBodies
{
    public const string ChatPath = "/v1/chat/completions";
    public const string CompletionsPath = "/v1/completions";

    public static RequestBody Build(WorkloadDefinition workload, PlannedRequest request, bool stream)
    {
        var chat = workload.Api == "chat";
        var buffer = new ArrayBufferWriter<byte>(request.SystemText.Length + request.QuestionText.Length + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", workload.Model);
            if (chat)
            {
                json.WriteStartArray("messages");
                WriteMessage(json, "system", request.SystemText);
                WriteMessage(json, "user", request.QuestionText);
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("prompt", CompletionPrompt(request));
            }

            json.WriteNumber("max_tokens", request.OutputTokens);
            json.WriteBoolean("ignore_eos", true);
            json.WriteBoolean("stream", stream);
            if (stream)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return new RequestBody(chat ? ChatPath : CompletionsPath, buffer.WrittenSpan.ToArray());
    }

    /// <summary>The text the server tokenizes for this request (its chat template applied for chat).</summary>
    public static string ServerPrompt(WorkloadDefinition workload, PlannedRequest request) =>
        workload.Api == "chat"
            ? ChatTemplate.Render([new ChatMessage("system", request.SystemText), new ChatMessage("user", request.QuestionText)])
            : CompletionPrompt(request);

    private static string CompletionPrompt(PlannedRequest request) => request.SystemText + " " + request.QuestionText;

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
