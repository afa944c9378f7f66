using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>One committed change, kept in the bounded history that watches resume from.</summary>
internal sealed record StoreEvent(long ResourceVersion, string Type, ObjectKey Key, ResourceDefinition Definition, JsonObject Object, JsonObject? Old);
