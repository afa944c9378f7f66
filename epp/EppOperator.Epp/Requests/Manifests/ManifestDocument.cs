namespace EppOperator.Epp.Requests.Manifests;

/// <summary>One YAML document of a manifest file, shaped like the Kubernetes object (or a <c>List</c> of them).</summary>
internal sealed class ManifestDocument
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ManifestMetadata? Metadata { get; set; }

    public ManifestSpec? Spec { get; set; }

    public List<ManifestDocument>? Items { get; set; }
}
