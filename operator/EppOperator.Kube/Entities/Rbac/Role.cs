using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Rbac;

/// <summary>rbac/v1 Role: namespaced permissions.</summary>
internal sealed class Role : KubernetesObject, IKubernetesEntity<Role>
{
    public Role()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("rbac.authorization.k8s.io", "v1", "Role", "roles", Namespaced: true);

    public static JsonTypeInfo<Role> JsonTypeInfo => KubeJsonContext.Default.Role;

    public List<PolicyRule>? Rules { get; set; }
}
