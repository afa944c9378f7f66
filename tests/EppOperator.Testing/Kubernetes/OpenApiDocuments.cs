using System.Globalization;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// A minimal OpenAPI v3 surface: the <c>/openapi/v3</c> index and one document per group version whose
/// only content is each resource's PATCH operation with its group-version-kind and the
/// <c>fieldValidation</c> query parameter. That is what kubectl probes to decide that the server
/// validates fields itself; no schemas are published (kubectl's client-side validation and
/// <c>kubectl explain</c> are not supported).
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var (group, versions) in registry.Groups())
        {
            foreach (var version in versions)
            {
                var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(registry, group, version)}" };
            }
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceRegistry registry, string group, string version)
    {
        var definitions = registry.InGroupVersion(group, version);
        if (definitions.Count == 0) return null;
        var paths = new JsonObject();
        foreach (var definition in definitions)
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var item = definition.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{definition.Plural}/{{name}}" : $"{prefix}/{definition.Plural}/{{name}}";
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{definition.Kind}",
                    ["parameters"] = new JsonArray(
                        Parameter("dryRun"),
                        Parameter("fieldManager"),
                        Parameter("fieldValidation"),
                        Parameter("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = definition.Kind },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (eppoperator fixture)", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static string Hash(ResourceRegistry registry, string group, string version)
    {
        var names = string.Join(",", registry.InGroupVersion(group, version).Select(d => d.Plural + d.Kind));
        return ((uint)StringComparer.Ordinal.GetHashCode(names)).ToString("X8", CultureInfo.InvariantCulture);
    }

    private static JsonObject Parameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string" },
        ["uniqueItems"] = true,
    };
}
