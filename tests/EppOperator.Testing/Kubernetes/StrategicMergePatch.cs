using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// A subset of strategic merge patch, enough for <c>kubectl apply</c> on built-in types: lists of objects
/// with a well-known merge key (containers and volumes by name, container ports by containerPort, service
/// ports by port, conditions by type, owner references by uid) merge element-wise and honour
/// <c>$patch: delete</c>; other lists are replaced; <c>$setElementOrder</c>, <c>$retainKeys</c> and other
/// directives are ignored. The real server derives merge keys from the Go types' struct tags.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly string[] MergeKeys = ["containerPort", "port", "mountPath", "uid", "ip", "type", "name"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        if (patchObject["$patch"] is JsonValue directive && directive.ToString() == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            replacement.Remove("$patch");
            return replacement;
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith('$')) continue;
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            result[key] = value is JsonArray patchList && result[key] is JsonArray targetList
                ? MergeList(targetList, patchList)
                : Apply(result[key], value);
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch)
    {
        var mergeKey = patch.OfType<JsonObject>().Select(FindMergeKey).FirstOrDefault(k => k is not null);
        if (mergeKey is null || patch.Any(e => e is not JsonObject)) return (JsonArray)patch.DeepClone();
        var result = (JsonArray)target.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var id = element[mergeKey]?.ToJsonString();
            var index = IndexOf(result, mergeKey, id);
            var delete = element["$patch"] is JsonValue d && d.ToString() == "delete";
            if (delete)
            {
                if (index >= 0) result.RemoveAt(index);
            }
            else if (index >= 0)
            {
                result[index] = Apply(result[index], element);
            }
            else
            {
                var added = (JsonObject)element.DeepClone();
                added.Remove("$patch");
                result.Add(added);
            }
        }

        return result;
    }

    private static string? FindMergeKey(JsonObject element) => MergeKeys.FirstOrDefault(element.ContainsKey);

    private static int IndexOf(JsonArray list, string key, string? id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && o[key]?.ToJsonString() == id) return i;
        }

        return -1;
    }
}
