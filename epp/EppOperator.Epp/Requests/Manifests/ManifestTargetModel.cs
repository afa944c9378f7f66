namespace EppOperator.Epp.Requests.Manifests;

/// <summary>A legacy InferenceModel's <c>targetModels[]</c>: <c>{name, weight}</c>.</summary>
internal sealed class ManifestTargetModel
{
    public string? Name { get; set; }

    public int? Weight { get; set; }
}
