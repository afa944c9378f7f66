using System.Globalization;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>Accessors for the metadata of an object held as JSON.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata) return metadata;
        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? Text(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => Text(obj, "name") ?? "";

    public static string Namespace(JsonObject obj) => Text(obj, "namespace") ?? "";

    public static string? Uid(JsonObject obj) => Text(obj, "uid");

    public static string? ResourceVersion(JsonObject obj) => Text(obj, "resourceVersion");

    public static bool IsDeleting(JsonObject obj) => Text(obj, "deletionTimestamp") is { Length: > 0 };

    public static long Generation(JsonObject obj) => (long)(SchemaValidator.ToDouble(obj["metadata"]?["generation"]) ?? 0);

    public static Dictionary<string, string> Labels(JsonObject obj) => StringMap(obj, "labels");

    public static Dictionary<string, string> StringMap(JsonObject obj, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"] is JsonObject m && m[field] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                result[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
        }

        return result;
    }

    public static List<string> Finalizers(JsonObject obj)
    {
        var result = new List<string>();
        if (obj["metadata"] is JsonObject m && m["finalizers"] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s)) result.Add(s);
            }
        }

        return result;
    }

    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
            return;
        }

        var array = new JsonArray();
        foreach (var f in list) array.Add(f);
        Of(obj)["finalizers"] = array;
    }

    public static JsonArray? OwnerReferences(JsonObject obj) => obj["metadata"] is JsonObject m ? m["ownerReferences"] as JsonArray : null;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString(Kube.Serialization.KubeTimeConverter.Layout, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>Reads a dotted path (<c>metadata.name</c>, <c>spec.nodeName</c>) as text, or null when absent.</summary>
    public static string? PathText(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
            if (node is null) return null;
        }

        return node switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => node.ToJsonString(),
        };
    }
}
