namespace EppOperator.Kube.Entities;

/// <summary>One set-based selector term: <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</summary>
internal sealed class LabelSelectorRequirement : KubeModel
{
    public string Key { get; set; } = "";

    public string Operator { get; set; } = "";

    public List<string>? Values { get; set; }
}
