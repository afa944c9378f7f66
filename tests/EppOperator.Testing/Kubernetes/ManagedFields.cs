using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Field ownership for server-side apply, as sets of leaf paths (lists are atomic leaves, so the
/// <c>k:</c>/<c>v:</c> element keys of real managedFields are never produced). Stored in
/// <c>metadata.managedFields</c> as FieldsV1 (<c>{"f:spec":{"f:replicas":{}}}</c>).
/// </summary>
internal static class ManagedFields
{
    private const char Separator = '\n';
    private static readonly HashSet<string> IgnoredMetadata = ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName"];

    /// <summary>Leaf paths set by <paramref name="obj"/>, excluding identity and server-owned fields.</summary>
    public static HashSet<string> FieldsOf(JsonObject obj, bool includeStatus)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || (key == "status" && !includeStatus)) continue;
            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (!IgnoredMetadata.Contains(metaKey)) Collect(metaValue, "metadata" + Separator + metaKey, fields);
                }

                continue;
            }

            Collect(value, key, fields);
        }

        return fields;
    }

    /// <summary>Leaf paths whose value differs between two versions of an object (added, changed or removed).</summary>
    public static HashSet<string> Changed(JsonObject before, JsonObject after, bool includeStatus)
    {
        var oldFields = FieldsOf(before, includeStatus);
        var newFields = FieldsOf(after, includeStatus);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in newFields)
        {
            if (!oldFields.Contains(path) || !JsonNode.DeepEquals(Get(before, path), Get(after, path))) changed.Add(path);
        }

        return changed;
    }

    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split(Separator))
        {
            node = node is JsonObject o ? o[part] : null;
            if (node is null) return null;
        }

        return node;
    }

    public static void Remove(JsonObject obj, string path)
    {
        var parts = path.Split(Separator);
        JsonNode? node = obj;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node is JsonObject o ? o[parts[i]] : null;
            if (node is null) return;
        }

        (node as JsonObject)?.Remove(parts[^1]);
    }

    /// <summary>True when two paths overlap (equal, or one is inside the other).</summary>
    public static bool Overlaps(string a, string b) =>
        a == b || a.StartsWith(b + Separator, StringComparison.Ordinal) || b.StartsWith(a + Separator, StringComparison.Ordinal);

    /// <summary>Renders a path for messages: <c>.spec.replicas</c>.</summary>
    public static string Display(string path) => "." + path.Replace(Separator, '.');

    public static JsonObject ToFieldsV1(IEnumerable<string> fields)
    {
        var root = new JsonObject();
        foreach (var path in fields)
        {
            var node = root;
            foreach (var part in path.Split(Separator))
            {
                var key = "f:" + part;
                if (node[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[key] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonNode? fieldsV1)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (fieldsV1 is JsonObject obj) Read(obj, "", fields);
        return fields;
    }

    /// <summary>The entries of <c>metadata.managedFields</c> with their parsed field sets.</summary>
    public static List<Entry> Read(JsonObject obj)
    {
        var entries = new List<Entry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray array) return entries;
        foreach (var item in array.OfType<JsonObject>())
        {
            entries.Add(new Entry(
                item["manager"]?.GetValue<string>() ?? "",
                item["operation"]?.GetValue<string>() ?? "Update",
                item["subresource"]?.GetValue<string>() ?? "",
                item["apiVersion"]?.GetValue<string>() ?? "",
                item["time"]?.GetValue<string>() ?? "",
                FromFieldsV1(item["fieldsV1"])));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IEnumerable<Entry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = ToFieldsV1(entry.Fields),
            };
            if (entry.Subresource.Length > 0) item["subresource"] = entry.Subresource;
            array.Add(item);
        }

        if (array.Count == 0) Meta.Of(obj).Remove("managedFields");
        else Meta.Of(obj)["managedFields"] = array;
    }

    private static void Collect(JsonNode? node, string path, HashSet<string> fields)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, value) in obj) Collect(value, path + Separator + key, fields);
            return;
        }

        fields.Add(path);
    }

    private static void Read(JsonObject node, string prefix, HashSet<string> fields)
    {
        var hasChild = false;
        foreach (var (key, value) in node)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal)) continue;
            hasChild = true;
            var path = prefix.Length == 0 ? key[2..] : prefix + Separator + key[2..];
            if (value is JsonObject child && child.Count > 0) Read(child, path, fields);
            else fields.Add(path);
        }

        if (!hasChild && prefix.Length > 0) fields.Add(prefix);
    }

    /// <summary>One manager's ownership record.</summary>
    internal sealed record Entry(string Manager, string Operation, string Subresource, string ApiVersion, string Time, HashSet<string> Fields);
}
