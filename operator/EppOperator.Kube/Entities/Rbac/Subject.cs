namespace EppOperator.Kube.Entities.Rbac;

/// <summary>Who a binding grants to: a ServiceAccount, User or Group.</summary>
internal sealed class Subject : KubeModel
{
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Namespace { get; set; }

    public string? ApiGroup { get; set; }
}
