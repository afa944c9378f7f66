namespace EppOperator.Kube.Entities;

/// <summary>meta/v1 LabelSelector: all <see cref="MatchLabels"/> and all <see cref="MatchExpressions"/> must hold.</summary>
internal sealed class LabelSelector : KubeModel
{
    public Dictionary<string, string>? MatchLabels { get; set; }

    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
