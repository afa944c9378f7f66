namespace EppOperator.Kube.Entities.Rbac;

/// <summary>One RBAC rule: verbs on resources of API groups (or non-resource URLs).</summary>
internal sealed class PolicyRule : KubeModel
{
    public List<string>? ApiGroups { get; set; }

    public List<string>? Resources { get; set; }

    public List<string>? ResourceNames { get; set; }

    public List<string> Verbs { get; set; } = [];

    public List<string>? NonResourceURLs { get; set; }
}
