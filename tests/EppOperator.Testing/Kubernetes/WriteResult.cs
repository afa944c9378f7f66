using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>A write's stored object (rendered for the requested version), whether it was created, and warnings.</summary>
internal sealed record WriteResult(JsonObject Object, bool Created, IReadOnlyList<string> Warnings);
