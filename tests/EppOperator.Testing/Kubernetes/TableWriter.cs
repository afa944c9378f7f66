using System.Globalization;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 <c>Table</c>) as <c>kubectl get</c> requests it: Name, then a
/// CRD's additionalPrinterColumns (simple JSONPath), else Age. Built-in types get Name and Age only, not
/// their richer real columns.
/// </summary>
internal static class TableWriter
{
    public static JsonObject Write(ResourceDefinition definition, IReadOnlyList<JsonObject> objects, long resourceVersion, DateTimeOffset now, bool includeObject)
    {
        var columns = new JsonArray(Column("Name", "string", "name", "Name must be unique within a namespace."));
        var printerColumns = definition.PrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        foreach (var column in printerColumns)
        {
            columns.Add(Column(column["name"]?.GetValue<string>() ?? "", column["type"]?.GetValue<string>() ?? "string", column["format"]?.GetValue<string>() ?? "", column["description"]?.GetValue<string>() ?? "", column["priority"]?.GetValue<int>() ?? 0));
        }

        if (printerColumns.Count == 0) columns.Add(Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created."));
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(Meta.Name(obj));
            foreach (var column in printerColumns)
            {
                var value = Evaluate(obj, column["jsonPath"]?.GetValue<string>() ?? "");
                cells.Add(column["type"]?.GetValue<string>() == "date" ? Age(value?.ToString(), now) : value?.DeepClone());
            }

            if (printerColumns.Count == 0) cells.Add(Age(Meta.Text(obj, "creationTimestamp"), now));
            var row = new JsonObject { ["cells"] = cells };
            row["object"] = includeObject
                ? obj.DeepClone()
                : new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = obj["metadata"]?.DeepClone() };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    /// <summary>Evaluates <c>.a.b[0].c</c> style paths; anything richer yields null (an empty cell).</summary>
    internal static JsonNode? Evaluate(JsonObject obj, string path)
    {
        path = path.Trim().TrimStart('{').TrimEnd('}');
        JsonNode? node = obj;
        foreach (var raw in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                if (int.TryParse(part[(bracket + 1)..part.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture, out var i)) index = i;
                part = part[..bracket];
            }

            node = part.Length == 0 ? node : (node as JsonObject)?[part];
            if (index is { } at) node = node is JsonArray array && at < array.Count ? array[at] : null;
            if (node is null) return null;
        }

        return node;
    }

    /// <summary>kubectl's short human duration: 45s, 3m12s, 5h, 2d.</summary>
    internal static string Age(string? timestamp, DateTimeOffset now)
    {
        if (Meta.ParseTime(timestamp) is not { } created) return "<unknown>";
        var age = now - created;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        return age.TotalSeconds < 120 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 10 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
            : age.TotalHours < 3 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 2 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority = 0) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
