namespace EppOperator.Epp.Requests.Manifests;

/// <summary>The model matcher; <c>Exact</c> is the only type the API defines (and the default).</summary>
internal sealed class ManifestModelMatchValue
{
    public string? Type { get; set; }

    public string? Value { get; set; }
}
