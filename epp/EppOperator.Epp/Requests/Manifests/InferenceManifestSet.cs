namespace EppOperator.Epp.Requests.Manifests;

/// <summary>What a manifest file yielded: the objects for the stores, plus problems found on the way.</summary>
internal sealed record InferenceManifestSet(
    IReadOnlyList<InferenceObjective> Objectives,
    IReadOnlyList<InferenceModelRewrite> Rewrites,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
