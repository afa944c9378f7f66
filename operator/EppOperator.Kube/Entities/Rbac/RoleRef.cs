namespace EppOperator.Kube.Entities.Rbac;

/// <summary>The Role or ClusterRole a binding grants. Immutable.</summary>
internal sealed class RoleRef : KubeModel
{
    public string ApiGroup { get; set; } = "rbac.authorization.k8s.io";

    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";
}
