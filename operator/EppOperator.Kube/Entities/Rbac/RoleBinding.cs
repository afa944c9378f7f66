using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Rbac;

/// <summary>rbac/v1 RoleBinding.</summary>
internal sealed class RoleBinding : KubernetesObject, IKubernetesEntity<RoleBinding>
{
    public RoleBinding()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", Namespaced: true);

    public static JsonTypeInfo<RoleBinding> JsonTypeInfo => KubeJsonContext.Default.RoleBinding;

    public RoleRef RoleRef { get; set; } = new();

    public List<Subject>? Subjects { get; set; }
}
