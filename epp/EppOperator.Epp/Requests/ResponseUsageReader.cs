using System.Text.Json;

namespace EppOperator.Epp.Requests;

/// <summary>
/// Reads token usage from an OpenAI response object (chat, completions, embeddings, responses) or from one
/// SSE event payload, without a DOM. Accepts both token vocabularies (<c>prompt_tokens</c>/<c>completion_tokens</c>
/// and <c>input_tokens</c>/<c>output_tokens</c>) and reads cached tokens from <c>prompt_tokens_details</c>,
/// <c>input_tokens_details</c> and the reference EPP's misspelt <c>prompt_token_details</c>.
/// </summary>
internal static class ResponseUsageReader
{
    /// <summary>
    /// Finds a non-null <c>usage</c> object at the top level, or under <c>response</c> (the Responses API's
    /// <c>response.completed</c> event). Invalid JSON is not an error here: the response is the model server's
    /// business and usage is only accounting.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out ResponseUsage usage)
    {
        usage = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            return TryReadObject(ref reader, allowNestedResponse: true, out usage);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadObject(ref Utf8JsonReader reader, bool allowNestedResponse, out ResponseUsage usage)
    {
        usage = default;
        var found = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = ReadUsage(ref reader);
                    found = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (allowNestedResponse && reader.ValueTextEquals("response"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject && TryReadObject(ref reader, false, out var nested))
                {
                    usage = nested;
                    found = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return found;
    }

    private static ResponseUsage ReadUsage(ref Utf8JsonReader reader)
    {
        int? prompt = null, completion = null, total = null;
        var cached = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
            {
                reader.Read();
                prompt ??= ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
            {
                reader.Read();
                completion ??= ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                total = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8)
                     || reader.ValueTextEquals("prompt_token_details"u8)
                     || reader.ValueTextEquals("input_tokens_details"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) cached = Math.Max(cached, ReadCachedTokens(ref reader));
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var p = prompt ?? 0;
        var c = completion ?? 0;
        return new ResponseUsage(p, c, total ?? p + c, cached);
    }

    private static int ReadCachedTokens(ref Utf8JsonReader reader)
    {
        var cached = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isCached = reader.ValueTextEquals("cached_tokens"u8);
            reader.Read();
            if (isCached) cached = ReadInt(ref reader) ?? 0;
            else reader.Skip();
        }

        return cached;
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }

        if (reader.TryGetInt32(out var value)) return value;
        return reader.TryGetDouble(out var d) && d is >= 0 and <= int.MaxValue ? (int)d : null;
    }
}
