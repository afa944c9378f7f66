namespace EppOperator.Epp.Requests.Manifests;

/// <summary>The union of the InferenceObjective and InferenceModelRewrite <c>spec</c> fields.</summary>
internal sealed class ManifestSpec
{
    public int? Priority { get; set; }

    public ManifestPoolRef? PoolRef { get; set; }

    public List<ManifestRewriteRule>? Rules { get; set; }
}
