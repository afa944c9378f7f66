namespace EppOperator.Epp.Requests.Manifests;

/// <summary><c>rules[].matches[]</c>: <c>model: {type: Exact, value: ...}</c>.</summary>
internal sealed class ManifestModelMatch
{
    public ManifestModelMatchValue? Model { get; set; }
}
