using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace EppOperator.Epp.Requests;

/// <summary>
/// Reads the fields routing needs from an OpenAI request body in one forward pass of
/// <see cref="Utf8JsonReader"/>, without building a DOM: <c>model</c>, <c>stream</c> and the location of the
/// prompt (<c>prompt</c>, <c>messages</c>, <c>input</c> or <c>items</c>, depending on the API).
/// </summary>
internal static class OpenAiRequestParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public static bool TryParse(ReadOnlySpan<byte> body, RequestKind kind, out ParsedRequestBody parsed, [NotNullWhen(false)] out InferenceError? error)
    {
        parsed = default;
        error = null;
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            parsed = new ParsedRequestBody { IsEmpty = true };
            return true;
        }

        var promptField = PromptField(kind);
        string? model = null;
        var modelIsString = false;
        var modelSeen = false;
        int modelStart = 0, modelLength = 0, promptStart = 0, promptLength = 0, properties = 0;
        var promptSeen = false;
        var promptTypeOk = false;
        var stream = false;
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = InferenceError.BadRequest("invalid request body: expected a JSON object");
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0) continue;
                if (reader.TokenType != JsonTokenType.PropertyName) continue;

                properties++;
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    modelSeen = true;
                    modelIsString = reader.TokenType == JsonTokenType.String;
                    if (modelIsString)
                    {
                        model = reader.GetString();
                        modelStart = (int)reader.TokenStartIndex;
                        modelLength = (int)reader.BytesConsumed - modelStart;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals(promptField))
                {
                    reader.Read();
                    promptSeen = true;
                    promptTypeOk = IsAcceptedPromptToken(kind, reader.TokenType);
                    promptStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    promptLength = (int)reader.BytesConsumed - promptStart;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            error = InferenceError.BadRequest("invalid JSON in request body: " + ex.Message);
            return false;
        }

        if (properties == 0)
        {
            parsed = new ParsedRequestBody { IsEmpty = true };
            return true;
        }

        if (!modelSeen || !modelIsString)
        {
            error = InferenceError.BadRequest("model not found in request body");
            return false;
        }

        if (!promptSeen)
        {
            error = InferenceError.BadRequest($"missing '{System.Text.Encoding.UTF8.GetString(promptField)}' in {Describe(kind)} request");
            return false;
        }

        if (!promptTypeOk)
        {
            error = InferenceError.BadRequest($"'{System.Text.Encoding.UTF8.GetString(promptField)}' has the wrong type for a {Describe(kind)} request");
            return false;
        }

        parsed = new ParsedRequestBody
        {
            Model = model,
            ModelTokenStart = modelStart,
            ModelTokenLength = modelLength,
            Stream = stream,
            PromptStart = promptStart,
            PromptLength = promptLength,
        };
        return true;
    }

    private static ReadOnlySpan<byte> PromptField(RequestKind kind) => kind switch
    {
        RequestKind.ChatCompletions => "messages"u8,
        RequestKind.Responses or RequestKind.Embeddings => "input"u8,
        RequestKind.Conversations => "items"u8,
        _ => "prompt"u8,
    };

    // Completions take a string, a list of strings or token ids; chat needs a message list; responses and
    // embeddings take a string or a list; conversations a list of items.
    private static bool IsAcceptedPromptToken(RequestKind kind, JsonTokenType token) => kind switch
    {
        RequestKind.ChatCompletions or RequestKind.Conversations => token == JsonTokenType.StartArray,
        _ => token is JsonTokenType.String or JsonTokenType.StartArray,
    };

    private static string Describe(RequestKind kind) => kind switch
    {
        RequestKind.ChatCompletions => "chat completions",
        RequestKind.Responses => "responses",
        RequestKind.Embeddings => "embeddings",
        RequestKind.Conversations => "conversations",
        _ => "completions",
    };
}
