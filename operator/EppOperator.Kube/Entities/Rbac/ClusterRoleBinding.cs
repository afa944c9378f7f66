using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Rbac;

/// <summary>rbac/v1 ClusterRoleBinding.</summary>
internal sealed class ClusterRoleBinding : KubernetesObject, IKubernetesEntity<ClusterRoleBinding>
{
    public ClusterRoleBinding()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", Namespaced: false);

    public static JsonTypeInfo<ClusterRoleBinding> JsonTypeInfo => KubeJsonContext.Default.ClusterRoleBinding;

    public RoleRef RoleRef { get; set; } = new();

    public List<Subject>? Subjects { get; set; }
}
