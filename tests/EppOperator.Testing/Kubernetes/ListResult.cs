using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>One LIST page: items rendered for the requested version, snapshot version and continuation.</summary>
internal sealed record ListResult(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
