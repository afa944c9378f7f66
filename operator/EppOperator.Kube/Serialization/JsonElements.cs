using System.Text.Json;

namespace EppOperator.Kube.Serialization;

/// <summary>Fixed values for entity fields typed as raw JSON (<c>emptyDir: {}</c>, <c>subresources.status: {}</c>, schema defaults).</summary>
internal static class JsonElements
{
    /// <summary><c>{}</c>.</summary>
    public static JsonElement EmptyObject() => Parse("{}");

    /// <summary>The parsed value, detached from its document.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
