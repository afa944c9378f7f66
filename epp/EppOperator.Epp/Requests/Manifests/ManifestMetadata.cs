namespace EppOperator.Epp.Requests.Manifests;

/// <summary><c>metadata</c> of a manifest: identity and the creation time that orders rewrite precedence.</summary>
internal sealed class ManifestMetadata
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? CreationTimestamp { get; set; }
}
