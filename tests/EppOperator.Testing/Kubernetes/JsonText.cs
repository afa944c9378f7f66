using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>JSON output as the API server writes it: compact, quotes and non-ASCII not escaped to <c>\uXXXX</c>.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonNode node) => node.ToJsonString(Options);

    /// <summary>
    /// One YAML (or JSON) document as the nodes a JSON body would give: the YAML converter's nodes wrap CLR
    /// values rather than JSON elements, so they are re-read from their JSON text and behave like parsed JSON.
    /// </summary>
    /// <exception cref="FormatException">Invalid YAML or more than one document.</exception>
    public static JsonNode? FromYaml(string yaml) => Reparse(Kube.Serialization.YamlJson.Parse(yaml));

    /// <summary>Every document of a YAML text, re-read as in <see cref="FromYaml"/>.</summary>
    public static IEnumerable<JsonNode> FromYamlDocuments(string yaml) =>
        Kube.Serialization.YamlJson.ParseDocuments(yaml).Select(d => Reparse(d)!);

    private static JsonNode? Reparse(JsonNode? node) => JsonNode.Parse(node?.ToJsonString() ?? "null");
}
