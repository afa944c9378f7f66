using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>The resources the fixture serves: built-ins plus every served version of each installed CRD.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ResourceDefinition> _definitions = [.. BuiltInResources.All];

    public ResourceDefinition? Find(string group, string version, string plural)
    {
        lock (_lock)
        {
            return _definitions.FirstOrDefault(d => d.Group == group && d.Version == version && d.Plural == plural);
        }
    }

    /// <summary>The definition serving <paramref name="kind"/> at <paramref name="apiVersion"/> (<c>v1</c>, <c>apps/v1</c>).</summary>
    public ResourceDefinition? FindByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        lock (_lock)
        {
            return _definitions.FirstOrDefault(d => d.Group == group && d.Version == version && d.Kind == kind);
        }
    }

    public IReadOnlyList<ResourceDefinition> InGroupVersion(string group, string version)
    {
        lock (_lock)
        {
            return _definitions.Where(d => d.Group == group && d.Version == version).ToList();
        }
    }

    /// <summary>Groups in registration order with their versions (preferred = first registered).</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        lock (_lock)
        {
            return _definitions
                .GroupBy(d => d.Group)
                .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(d => d.Version).Distinct().ToList()))
                .ToList();
        }
    }

    /// <summary>Registers the served versions of a CRD, replacing an earlier registration of the same CRD.</summary>
    /// <exception cref="ApiError">422 when the CRD is malformed or its names clash with a served resource.</exception>
    public IReadOnlyList<ResourceDefinition> RegisterCrd(JsonObject crd, ResourceDefinition crdDefinition)
    {
        var crdName = Meta.Name(crd);
        var definitions = Parse(crd, crdName, crdDefinition);
        lock (_lock)
        {
            foreach (var definition in definitions)
            {
                if (_definitions.Any(d => d.Group == definition.Group && d.Plural == definition.Plural && d.DefinedBy != crdName))
                {
                    throw ApiError.Invalid(crdDefinition, crdName, [("spec.names.plural", "FieldValueInvalid", $"spec.names.plural: Invalid value: \"{definition.Plural}\": already served in group \"{definition.Group}\"")]);
                }
            }

            _definitions.RemoveAll(d => d.DefinedBy == crdName);
            _definitions.AddRange(definitions);
        }

        return definitions;
    }

    public IReadOnlyList<ResourceDefinition> UnregisterCrd(string crdName)
    {
        lock (_lock)
        {
            var removed = _definitions.Where(d => d.DefinedBy == crdName).ToList();
            _definitions.RemoveAll(d => d.DefinedBy == crdName);
            return removed;
        }
    }

    private static List<ResourceDefinition> Parse(JsonObject crd, string crdName, ResourceDefinition crdDefinition)
    {
        var errors = new List<(string, string, string)>();
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var names = spec?["names"] as JsonObject;
        var plural = names?["plural"]?.GetValue<string>() ?? "";
        var kind = names?["kind"]?.GetValue<string>() ?? "";
        var scope = spec?["scope"]?.GetValue<string>() ?? "";
        if (group.Length == 0) errors.Add(("spec.group", "FieldValueRequired", "spec.group: Required value"));
        if (plural.Length == 0) errors.Add(("spec.names.plural", "FieldValueRequired", "spec.names.plural: Required value"));
        if (kind.Length == 0) errors.Add(("spec.names.kind", "FieldValueRequired", "spec.names.kind: Required value"));
        if (scope is not ("Namespaced" or "Cluster")) errors.Add(("spec.scope", "FieldValueNotSupported", $"spec.scope: Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\""));
        if (crdName != $"{plural}.{group}") errors.Add(("metadata.name", "FieldValueInvalid", $"metadata.name: Invalid value: \"{crdName}\": must be spec.names.plural+\".\"+spec.group"));
        var versions = spec?["versions"] as JsonArray ?? [];
        if (versions.Count == 0) errors.Add(("spec.versions", "FieldValueInvalid", "spec.versions: Invalid value: null: must have exactly one version marked as storage version"));
        if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1 && versions.Count > 0)
        {
            errors.Add(("spec.versions", "FieldValueInvalid", "spec.versions: Invalid value: must have exactly one version marked as storage version"));
        }

        if (errors.Count > 0) throw ApiError.Invalid(crdDefinition, crdName, errors);
        var result = new List<ResourceDefinition>();
        foreach (var version in versions.OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() != true) continue;
            result.Add(new ResourceDefinition
            {
                Group = group,
                Version = version["name"]?.GetValue<string>() ?? "",
                Kind = kind,
                Plural = plural,
                Singular = names?["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
                Namespaced = scope == "Namespaced",
                HasStatus = version["subresources"]?["status"] is not null,
                ShortNames = (names?["shortNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [],
                Categories = (names?["categories"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [],
                IsCustom = true,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
                DefinedBy = crdName,
            });
        }

        return result;
    }
}
