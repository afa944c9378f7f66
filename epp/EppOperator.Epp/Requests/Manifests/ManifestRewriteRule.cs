namespace EppOperator.Epp.Requests.Manifests;

/// <summary><c>spec.rules[]</c> of an InferenceModelRewrite.</summary>
internal sealed class ManifestRewriteRule
{
    public List<ManifestModelMatch>? Matches { get; set; }

    public List<ManifestRewriteTarget>? Targets { get; set; }
}
