using EppOperator.Kube.Entities.ApiExtensions;

namespace EppOperator.Operator.Crds;

/// <summary>One CRD the operator generates: which entity type, its names, columns and schema additions.</summary>
/// <param name="ClrType">The entity class the schema is generated from.</param>
/// <param name="Type">Group, version, kind and plural.</param>
/// <param name="Singular">Lower-case singular name.</param>
/// <param name="Description">The root schema's description.</param>
/// <param name="ShortNames">kubectl short names.</param>
/// <param name="Columns">Printer columns, Age last.</param>
/// <param name="Overlay">CEL rules, patterns, list types, descriptions and defaults.</param>
internal sealed record CrdDefinition(
    Type ClrType,
    EntityType Type,
    string Singular,
    string Description,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<CustomResourceColumnDefinition> Columns,
    SchemaOverlay Overlay)
{
    /// <summary><c>PLURAL.GROUP</c>, the CRD's object name.</summary>
    public string Name => $"{Type.Plural}.{Type.Group}";

    /// <summary>The file name used under <c>crds/</c>.</summary>
    public string FileName => $"{Type.Group}_{Type.Plural}.yaml";
}
