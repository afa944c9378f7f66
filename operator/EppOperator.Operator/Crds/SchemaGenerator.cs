using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using EppOperator.Kube.Entities.ApiExtensions;

namespace EppOperator.Operator.Crds;

/// <summary>
/// Builds a CRD's structural OpenAPI v3 schema from the C# entity types by reflection, the way KubeOps'
/// transpiler does: camelCase property names, <c>[Required]</c> → <c>required</c>, <c>[MinLength]</c>/<c>[MaxLength]</c>
/// → string lengths, item or property counts, <c>[Range]</c> → bounds, <c>[AllowedValues]</c> → <c>enum</c>,
/// <c>[DefaultValue]</c> → <c>default</c>. What attributes cannot express (patterns, CEL rules, list types,
/// descriptions) is added per CRD by <see cref="SchemaOverlay"/>. Properties are sorted by name, as
/// controller-gen sorts them, so the output is stable.
/// </summary>
internal static class SchemaGenerator
{
    /// <summary>The schema of a whole object: apiVersion, kind, metadata, then the entity's own properties.</summary>
    public static JsonSchemaProps ForEntity(Type entityType)
    {
        var schema = ForObject(entityType, skip: ["apiVersion", "kind", "metadata"]);
        schema.Properties ??= [];
        schema.Properties["apiVersion"] = new JsonSchemaProps { Type = "string", Description = "APIVersion defines the versioned schema of this representation of an object." };
        schema.Properties["kind"] = new JsonSchemaProps { Type = "string", Description = "Kind is a string value representing the REST resource this object represents." };
        schema.Properties["metadata"] = new JsonSchemaProps { Type = "object" };
        schema.Properties = Sorted(schema.Properties);
        return schema;
    }

    private static JsonSchemaProps ForObject(Type type, IReadOnlyCollection<string>? skip = null)
    {
        var properties = new Dictionary<string, JsonSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null) continue;
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }) continue;
            if (property.GetMethod is null || property.SetMethod is null) continue;
            var name = JsonNameOf(property);
            if (skip?.Contains(name) == true) continue;
            properties[name] = ForProperty(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(name);
        }

        required.Sort(StringComparer.Ordinal);
        return new JsonSchemaProps
        {
            Type = "object",
            Properties = Sorted(properties),
            Required = required.Count > 0 ? required : null,
        };
    }

    private static JsonSchemaProps ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType);
        ApplyAttributes(schema, property);
        return schema;
    }

    /// <summary>The schema of a CLR type used as a property, list item or map value.</summary>
    public static JsonSchemaProps ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return new JsonSchemaProps { Type = "string" };
        if (type == typeof(int) || type == typeof(short)) return new JsonSchemaProps { Type = "integer", Format = "int32" };
        if (type == typeof(long)) return new JsonSchemaProps { Type = "integer", Format = "int64" };
        if (type == typeof(bool)) return new JsonSchemaProps { Type = "boolean" };
        if (type == typeof(double) || type == typeof(float)) return new JsonSchemaProps { Type = "number" };
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return new JsonSchemaProps { Type = "string", Format = "date-time" };
        if (type == typeof(Condition)) return ConditionSchema();
        if (type == typeof(ObjectMeta)) return new JsonSchemaProps { Type = "object" };
        if (type == typeof(JsonElement)) return new JsonSchemaProps { XKubernetesPreserveUnknownFields = true };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var arguments = type.GetGenericArguments();
            if (arguments[0] != typeof(string)) throw new NotSupportedException($"map keys must be strings, not {arguments[0]}");
            return new JsonSchemaProps { Type = "object", AdditionalProperties = ForType(arguments[1]) };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new JsonSchemaProps { Type = "array", Items = ForType(type.GetGenericArguments()[0]) };
        }

        if (typeof(IEnumerable).IsAssignableFrom(type)) throw new NotSupportedException($"collection type {type} is not supported in CRD schemas; use List<T> or Dictionary<string, T>");
        if (type.IsClass) return ForObject(type);
        throw new NotSupportedException($"type {type} has no CRD schema mapping");
    }

    private static void ApplyAttributes(JsonSchemaProps schema, PropertyInfo property)
    {
        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case MaxLengthAttribute max:
                    SetCount(schema, max.Length, isMax: true);
                    break;
                case MinLengthAttribute min:
                    SetCount(schema, min.Length, isMax: false);
                    break;
                case RangeAttribute range:
                    schema.Minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case AllowedValuesAttribute allowed:
                    schema.Enum = [.. allowed.Values.Select(v => JsonSerializer.SerializeToElement(v?.ToString(), Kube.Serialization.KubeJsonContext.Default.String))];
                    break;
                case DefaultValueAttribute { Value: { } value }:
                    schema.Default = value switch
                    {
                        string text => JsonSerializer.SerializeToElement(text, Kube.Serialization.KubeJsonContext.Default.String),
                        int number => JsonSerializer.SerializeToElement(number, Kube.Serialization.KubeJsonContext.Default.Int32),
                        bool flag => JsonSerializer.SerializeToElement(flag, Kube.Serialization.KubeJsonContext.Default.Boolean),
                        _ => throw new NotSupportedException($"default of type {value.GetType()} on {property.DeclaringType?.Name}.{property.Name}"),
                    };
                    break;
            }
        }
    }

    private static void SetCount(JsonSchemaProps schema, int count, bool isMax)
    {
        switch (schema.Type)
        {
            case "string" when isMax: schema.MaxLength = count; break;
            case "string": schema.MinLength = count; break;
            case "array" when isMax: schema.MaxItems = count; break;
            case "array": schema.MinItems = count; break;
            case "object" when isMax: schema.MaxProperties = count; break;
            case "object": schema.MinProperties = count; break;
        }
    }

    /// <summary>meta/v1 Condition, as controller-gen emits it for <c>[]metav1.Condition</c>.</summary>
    private static JsonSchemaProps ConditionSchema() => new()
    {
        Type = "object",
        Description = "Condition contains details for one aspect of the current state of this API Resource.",
        Properties = new Dictionary<string, JsonSchemaProps>(StringComparer.Ordinal)
        {
            ["lastTransitionTime"] = new() { Type = "string", Format = "date-time", Description = "When the condition last changed from one status to another." },
            ["message"] = new() { Type = "string", MaxLength = 32768, Description = "A human readable message about the transition; may be empty." },
            ["observedGeneration"] = new() { Type = "integer", Format = "int64", Minimum = 0, Description = "The metadata.generation the condition was set for." },
            ["reason"] = new() { Type = "string", MinLength = 1, MaxLength = 1024, Pattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", Description = "A CamelCase programmatic identifier of the last transition." },
            ["status"] = new() { Type = "string", Enum = [Json("True"), Json("False"), Json("Unknown")], Description = "Status of the condition: True, False or Unknown." },
            ["type"] = new() { Type = "string", MaxLength = 316, Pattern = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$", Description = "Type of condition in CamelCase or in foo.example.com/CamelCase." },
        },
        Required = ["lastTransitionTime", "message", "reason", "status", "type"],
    };

    internal static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value, Kube.Serialization.KubeJsonContext.Default.String);

    private static Dictionary<string, JsonSchemaProps> Sorted(Dictionary<string, JsonSchemaProps> properties) =>
        properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string JsonNameOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
