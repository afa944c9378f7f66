using System.Text.Json;
using System.Text.Json.Serialization;
using EppOperator.Kube.Entities.ApiExtensions;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// <c>additionalProperties</c> may be a schema or a boolean in OpenAPI; <c>true</c> means "any value" and
/// reads as an empty schema, <c>false</c> as no schema.
/// </summary>
internal sealed class SchemaOrBoolConverter : JsonConverter<JsonSchemaProps?>
{
    public override JsonSchemaProps? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => new JsonSchemaProps(),
            JsonTokenType.False or JsonTokenType.Null => null,
            _ => JsonSerializer.Deserialize(ref reader, KubeJsonContext.Default.JsonSchemaProps),
        };

    public override void Write(Utf8JsonWriter writer, JsonSchemaProps? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, KubeJsonContext.Default.JsonSchemaProps);
    }
}
