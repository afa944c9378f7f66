namespace EppOperator.Epp.Requests.Manifests;

/// <summary>What a manifest file yielded: the objects for the stores, plus problems found on the way.</summary>
internal sealed record InferenceManifestSet(
    IReadOnlyList<InferenceObjective> Objectives,
    IReadOnlyList<InferenceModelRewrite> Rewrites,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Legacy InferenceModels' criticality, as priorities of their model names.</summary>
    public IReadOnlyList<InferenceModelPriority> Models { get; init; } = [];

    public bool IsValid => Errors.Count == 0;
}
