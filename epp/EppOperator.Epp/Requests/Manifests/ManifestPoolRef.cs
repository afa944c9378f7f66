namespace EppOperator.Epp.Requests.Manifests;

/// <summary><c>spec.poolRef</c>: the InferencePool the object applies to.</summary>
internal sealed class ManifestPoolRef
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }
}
