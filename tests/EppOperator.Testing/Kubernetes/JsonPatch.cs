using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test on JSON pointers.</summary>
internal static class JsonPatch
{
    /// <exception cref="ApiError">422 (as the API server answers) when an operation cannot be applied.</exception>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = document.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>() ?? "";
            var path = operation["path"]?.GetValue<string>() ?? throw Fail("missing path");
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(root, operation["from"]?.GetValue<string>() ?? throw Fail("missing from"));
                    Remove(root, operation["from"]!.GetValue<string>());
                    root = Add(root, path, moved?.DeepClone());
                    break;
                case "copy":
                    root = Add(root, path, Get(root, operation["from"]?.GetValue<string>() ?? throw Fail("missing from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"])) throw Fail($"testing value {path} failed");
                    break;
                default:
                    throw Fail($"Unexpected kind: {op}");
            }
        }

        return root;
    }

    private static ApiError Fail(string message) => new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Fail($"doc is missing path: {pointer}"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0) return value ?? throw Fail("cannot replace the document with null");
        var parent = Get(root, ParentPointer(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Fail($"doc is missing path: {pointer}");
        }

        return root;
    }

    private static void Remove(JsonNode root, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0) throw Fail("cannot remove the document root");
        var parent = Get(root, ParentPointer(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Fail($"Unable to remove nonexistent key: {last}: missing value");
        }
    }

    private static string ParentPointer(string[] tokens) => tokens.Length == 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
