using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>JSON output as the API server writes it: compact, quotes and non-ASCII not escaped to <c>\uXXXX</c>.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonNode node) => node.ToJsonString(Options);
}
