using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// Writes RFC 3339 UTC times in a fixed layout (the subclasses pick meta/v1 <c>Time</c> or <c>MicroTime</c>);
/// reading accepts any ISO 8601 offset or fraction.
/// </summary>
internal abstract class TimeConverter(string layout) : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an RFC 3339 time string, got {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 time.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.UtcDateTime.ToString(layout, CultureInfo.InvariantCulture));
    }
}
