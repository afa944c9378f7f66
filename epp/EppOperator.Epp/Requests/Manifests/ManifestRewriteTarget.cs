namespace EppOperator.Epp.Requests.Manifests;

/// <summary><c>rules[].targets[]</c>: <c>{modelRewrite, weight}</c>.</summary>
internal sealed class ManifestRewriteTarget
{
    public string? ModelRewrite { get; set; }

    public int? Weight { get; set; }
}
