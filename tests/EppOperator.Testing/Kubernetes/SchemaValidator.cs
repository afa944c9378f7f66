using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Applies a CRD version's structural <c>openAPIV3Schema</c> to a custom resource the way the API server
/// does on every write: prune undeclared fields (unless <c>x-kubernetes-preserve-unknown-fields</c>), drop
/// non-nullable nulls, fill <c>default</c>s, then validate types, required fields, enum, numeric and length
/// bounds, patterns, item counts and set/map list uniqueness. CEL rules (<c>x-kubernetes-validations</c>)
/// and <c>oneOf</c>/<c>anyOf</c> are not evaluated.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> RootFields = ["apiVersion", "kind", "metadata"];
    private readonly List<(string Field, string Type, string Message)> _errors = [];
    private readonly List<string> _unknownFields = [];

    private SchemaValidator()
    {
    }

    /// <summary>Prunes, defaults and validates <paramref name="obj"/> in place.</summary>
    /// <returns>Validation errors (field, type, message) and the paths of pruned unknown fields.</returns>
    public static (IReadOnlyList<(string Field, string Type, string Message)> Errors, IReadOnlyList<string> UnknownFields) Process(JsonObject obj, JsonObject schema)
    {
        var validator = new SchemaValidator();
        validator.WalkObject(obj, schema, "", isRoot: true);
        return (validator._errors, validator._unknownFields);
    }

    private void Walk(JsonNode node, JsonObject schema, string path)
    {
        if (Bool(schema, "x-kubernetes-int-or-string"))
        {
            if (!(IsInteger(node) || IsString(node))) Error(path, node, "must be of type integer-or-string");
            return;
        }

        var type = Text(schema, "type");
        switch (type)
        {
            case "object":
                if (node is JsonObject obj) WalkObject(obj, schema, path, isRoot: false);
                else TypeError(path, node, "object");
                break;
            case "array":
                if (node is JsonArray array) WalkArray(array, schema, path);
                else TypeError(path, node, "array");
                break;
            case "string":
                if (IsString(node)) CheckString(node.GetValue<string>(), schema, path);
                else TypeError(path, node, "string");
                break;
            case "integer":
                if (IsInteger(node)) CheckNumber(node, schema, path);
                else TypeError(path, node, "integer");
                break;
            case "number":
                if (ToDouble(node) is not null) CheckNumber(node, schema, path);
                else TypeError(path, node, "number");
                break;
            case "boolean":
                if (!(node is JsonValue b && b.TryGetValue<bool>(out _))) TypeError(path, node, "boolean");
                break;
            default:
                if (node is JsonObject untyped && schema["properties"] is JsonObject) WalkObject(untyped, schema, path, isRoot: false);
                break;
        }

        CheckEnum(node, schema, path);
    }

    private void WalkObject(JsonObject obj, JsonObject schema, string path, bool isRoot)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = Bool(schema, "x-kubernetes-preserve-unknown-fields") || (schema["additionalProperties"] is JsonValue any && any.TryGetValue<bool>(out var anyValue) && anyValue);
        var embedded = Bool(schema, "x-kubernetes-embedded-resource");
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var child = obj[key];
            var childPath = Join(path, key);
            if ((isRoot || embedded) && RootFields.Contains(key)) continue;
            var childSchema = properties?[key] as JsonObject ?? additional;
            if (childSchema is null)
            {
                if (!preserve)
                {
                    _unknownFields.Add(childPath);
                    obj.Remove(key);
                }

                continue;
            }

            if (child is null)
            {
                if (!Bool(childSchema, "nullable")) obj.Remove(key);
                continue;
            }

            Walk(child, childSchema, childPath);
        }

        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                if (value is JsonObject propertySchema && !obj.ContainsKey(key) && propertySchema["default"] is { } defaultValue)
                {
                    obj[key] = defaultValue.DeepClone();
                    Walk(obj[key]!, propertySchema, Join(path, key));
                }
            }
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name)) _errors.Add((Join(path, name), "FieldValueRequired", $"{Join(path, name)}: Required value"));
            }
        }

        if (Long(schema, "minProperties") is { } minProps && obj.Count < minProps)
        {
            Error(path, obj, $"should have at least {minProps} properties");
        }

        if (Long(schema, "maxProperties") is { } maxProps && obj.Count > maxProps)
        {
            _errors.Add((path, "FieldValueTooMany", $"{path}: Too many: {obj.Count}: must have at most {maxProps} items"));
        }
    }

    private void WalkArray(JsonArray array, JsonObject schema, string path)
    {
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                if (array[i] is null)
                {
                    if (!Bool(items, "nullable")) TypeError(itemPath, null, Text(items, "type") ?? "object");
                    continue;
                }

                Walk(array[i]!, items, itemPath);
            }
        }

        if (Long(schema, "minItems") is { } minItems && array.Count < minItems)
        {
            _errors.Add((path, "FieldValueInvalid", $"{path}: Invalid value: {array.Count}: {path} in body should have at least {minItems} items"));
        }

        if (Long(schema, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            _errors.Add((path, "FieldValueTooMany", $"{path}: Too many: {array.Count}: must have at most {maxItems} items"));
        }

        var listType = Text(schema, "x-kubernetes-list-type");
        if (Bool(schema, "uniqueItems") || listType == "set")
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in array)
            {
                var text = item?.ToJsonString() ?? "null";
                if (!seen.Add(text)) _errors.Add((path, "FieldValueDuplicate", $"{path}: Duplicate value: {text}"));
            }
        }

        if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            var keyNames = keys.Select(k => k!.GetValue<string>()).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item) continue;
                var id = string.Join("|", keyNames.Select(k => item[k]?.ToJsonString() ?? "null"));
                if (!seen.Add(id)) _errors.Add(($"{path}[{i}]", "FieldValueDuplicate", $"{path}[{i}]: Duplicate value: {{{id}}}"));
            }
        }
    }

    private void CheckString(string value, JsonObject schema, string path)
    {
        var length = value.EnumerateRunes().Count();
        if (Long(schema, "minLength") is { } min && length < min)
        {
            Error(path, JsonValue.Create(value), $"should be at least {min} chars long");
        }

        if (Long(schema, "maxLength") is { } max && length > max)
        {
            _errors.Add((path, "FieldValueTooLong", $"{path}: Too long: may not be more than {max} bytes"));
        }

        if (Text(schema, "pattern") is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Error(path, JsonValue.Create(value), $"should match '{pattern}'");
        }

        if (Text(schema, "format") == "date-time" && !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Error(path, JsonValue.Create(value), "must be of type date-time");
        }
    }

    private void CheckNumber(JsonNode node, JsonObject schema, string path)
    {
        var value = ToDouble(node) ?? 0;
        if (Double(schema, "minimum") is { } min && (Bool(schema, "exclusiveMinimum") ? value <= min : value < min))
        {
            Error(path, node, $"should be greater than {(Bool(schema, "exclusiveMinimum") ? "" : "or equal to ")}{Format(min)}");
        }

        if (Double(schema, "maximum") is { } max && (Bool(schema, "exclusiveMaximum") ? value >= max : value > max))
        {
            Error(path, node, $"should be less than {(Bool(schema, "exclusiveMaximum") ? "" : "or equal to ")}{Format(max)}");
        }

        if (Text(schema, "format") == "int32" && (value < int.MinValue || value > int.MaxValue))
        {
            Error(path, node, "must be of type int32");
        }

        if (Double(schema, "multipleOf") is { } multiple and > 0 && Math.Abs(Math.IEEERemainder(value, multiple)) > 1e-9)
        {
            Error(path, node, $"should be a multiple of {Format(multiple)}");
        }
    }

    private void CheckEnum(JsonNode node, JsonObject schema, string path)
    {
        if (schema["enum"] is not JsonArray allowed) return;
        var text = node.ToJsonString();
        if (allowed.Any(a => a?.ToJsonString() == text)) return;
        var supported = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
        _errors.Add((path, "FieldValueNotSupported", $"{path}: Unsupported value: {text}: supported values: {supported}"));
    }

    private void TypeError(string path, JsonNode? node, string type) =>
        Error(path, node, $"must be of type {type}: \"{Describe(node)}\"");

    private void Error(string path, JsonNode? node, string message) =>
        _errors.Add((path, "FieldValueInvalid", $"{path}: Invalid value: {Render(node)}: {path} in body {message}"));

    private static string Render(JsonNode? node) => node switch
    {
        null => "\"null\"",
        JsonValue v when v.TryGetValue<string>(out var s) => $"\"{s}\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => node.ToJsonString(),
    };

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        _ => IsInteger(node) ? "integer" : "number",
    };

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out _);

    private static bool IsInteger(JsonNode? node) => ToDouble(node) is { } d && Math.Abs(d - Math.Round(d)) < double.Epsilon;

    /// <summary>The numeric value of a JSON number (however the node was built), or null for anything else.</summary>
    internal static double? ToDouble(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number) return null;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonObject schema, string key) => schema[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject schema, string key) => schema[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static long? Long(JsonObject schema, string key) => ToDouble(schema[key]) is { } d ? (long)d : null;

    private static double? Double(JsonObject schema, string key) => ToDouble(schema[key]);
}
