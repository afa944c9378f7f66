using System.Text.Json;
using System.Text.Json.Nodes;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Whether every field of a desired object has the same value in the live object. Fields the server adds
/// (defaults, status, bookkeeping) are ignored; lists must have the same length and match element by element.
/// </summary>
internal static class JsonSubset
{
    public static bool Contains(JsonNode? actual, JsonNode? desired) => (actual, desired) switch
    {
        (_, null) => true,
        (JsonObject a, JsonObject d) => d.All(p => a.TryGetPropertyValue(p.Key, out var value) ? Contains(value, p.Value) : IsEmpty(p.Value)),
        (JsonArray a, JsonArray d) => a.Count == d.Count && a.Zip(d).All(pair => Contains(pair.First, pair.Second)),
        (JsonValue a, JsonValue d) => ScalarEquals(a, d),
        (null, _) => IsEmpty(desired),
        _ => false,
    };

    // An empty object or list the server dropped (e.g. emptyDir: {}) is not drift.
    private static bool IsEmpty(JsonNode? node) => node is null or JsonObject { Count: 0 } or JsonArray { Count: 0 };

    private static bool ScalarEquals(JsonValue a, JsonValue d)
    {
        var kind = d.GetValueKind();
        if (kind != a.GetValueKind()) return false;
        return kind == JsonValueKind.Number ? a.GetValue<double>() == d.GetValue<double>() : a.ToJsonString() == d.ToJsonString();
    }
}
