using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// One served resource of the fixture: its REST coordinates, discovery data, whether it has a status
/// subresource, and (for custom resources) the version's schema and printer columns.
/// </summary>
public sealed record ResourceDefinition
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public string Singular { get; init; } = "";

    public bool Namespaced { get; init; } = true;

    public bool HasStatus { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>True for resources defined by an installed CRD (affects list item shape and update rules).</summary>
    public bool IsCustom { get; init; }

    /// <summary>The version's <c>openAPIV3Schema</c> (custom resources only); drives validation, defaulting, pruning.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>The CRD's <c>additionalPrinterColumns</c> for this version.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Name of the CRD that defines this resource, so deleting the CRD removes it.</summary>
    public string? DefinedBy { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>Storage identity: versions of one group/resource share objects.</summary>
    public string StorageKey => $"{Plural}.{Group}";

    /// <summary><c>plural.group</c> as used in error messages (<c>pods</c> for the core group).</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
