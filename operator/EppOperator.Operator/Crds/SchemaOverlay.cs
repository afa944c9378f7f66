using EppOperator.Kube.Entities.ApiExtensions;

namespace EppOperator.Operator.Crds;

/// <summary>
/// Additions to a generated schema that attributes on the entity types cannot express: CEL rules, patterns,
/// list types, descriptions, status defaults. Paths are dotted property names from the root, with <c>[]</c> for
/// list items and <c>{}</c> for map values, e.g. <c>spec.targetPorts</c>, <c>spec.targetPorts[].number</c>,
/// <c>spec.selector.matchLabels{}</c>.
/// </summary>
internal sealed class SchemaOverlay
{
    private readonly List<(string Path, Action<JsonSchemaProps> Edit)> _edits = [];

    public SchemaOverlay Edit(string path, Action<JsonSchemaProps> edit)
    {
        _edits.Add((path, edit));
        return this;
    }

    public SchemaOverlay Describe(string path, string description) => Edit(path, s => s.Description = description);

    public SchemaOverlay Pattern(string path, string pattern) => Edit(path, s => s.Pattern = pattern);

    public SchemaOverlay Rule(string path, string rule, string message) => Edit(path, s => (s.XKubernetesValidations ??= []).Add(new ValidationRule { Rule = rule, Message = message }));

    public SchemaOverlay ListType(string path, string listType, params string[] mapKeys) => Edit(path, s =>
    {
        s.XKubernetesListType = listType;
        s.XKubernetesListMapKeys = mapKeys.Length > 0 ? [.. mapKeys] : null;
    });

    /// <summary>Applies every edit; a path that does not exist is a bug in the catalog, not a user error.</summary>
    /// <exception cref="InvalidOperationException">A path names a property the schema does not have.</exception>
    public void ApplyTo(JsonSchemaProps root)
    {
        foreach (var (path, edit) in _edits) edit(Resolve(root, path));
    }

    private static JsonSchemaProps Resolve(JsonSchemaProps root, string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var suffixes = new List<char>();
            while (name.EndsWith("[]", StringComparison.Ordinal) || name.EndsWith("{}", StringComparison.Ordinal))
            {
                suffixes.Insert(0, name[^2]);
                name = name[..^2];
            }

            if (name.Length > 0)
            {
                current = current.Properties?.GetValueOrDefault(name) ?? throw new InvalidOperationException($"schema has no property '{name}' at '{path}'");
            }

            foreach (var suffix in suffixes)
            {
                current = (suffix == '[' ? current.Items : current.AdditionalProperties)
                    ?? throw new InvalidOperationException($"'{name}' at '{path}' is not a {(suffix == '[' ? "list" : "map")}");
            }
        }

        return current;
    }
}
