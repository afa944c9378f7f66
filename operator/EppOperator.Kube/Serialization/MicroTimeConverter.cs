using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// meta/v1 <c>MicroTime</c> (Lease renew and acquire times): RFC 3339 with exactly six fractional digits,
/// the layout the API server parses for this type.
/// </summary>
internal sealed class MicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubeTimeConverter.ReadTime(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }
}
