using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace EppOperator.Operator.Serialization;

/// <summary>
/// Serialises any typed object through its own source-generated <see cref="IKubernetesEntity{TSelf}.JsonTypeInfo"/>,
/// for code that holds objects of mixed kinds (a plan's children).
/// </summary>
internal static class KubeObjectJson
{
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> TypeInfos = new();

    public static JsonObject ToNode(IKubernetesObject obj) =>
        JsonSerializer.SerializeToNode(obj, TypeInfoOf(obj.GetType()))!.AsObject();

    public static string ToJson(IKubernetesObject obj) => JsonSerializer.Serialize(obj, TypeInfoOf(obj.GetType()));

    public static JsonTypeInfo TypeInfoOf(Type type) => TypeInfos.GetOrAdd(type, static t =>
        t.GetProperty("JsonTypeInfo", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as JsonTypeInfo
        ?? throw new ArgumentException($"{t.Name} is not a typed Kubernetes entity", nameof(type)));
}
