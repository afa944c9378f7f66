namespace EppOperator.Epp.Requests.Manifests;

/// <summary>The union of the InferenceObjective, InferenceModelRewrite and legacy InferenceModel <c>spec</c> fields.</summary>
internal sealed class ManifestSpec
{
    public int? Priority { get; set; }

    public ManifestPoolRef? PoolRef { get; set; }

    public List<ManifestRewriteRule>? Rules { get; set; }

    public string? ModelName { get; set; }

    public string? Criticality { get; set; }

    public List<ManifestTargetModel>? TargetModels { get; set; }
}
