using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Rbac;

/// <summary>rbac/v1 ClusterRole: cluster-wide permissions.</summary>
internal sealed class ClusterRole : KubernetesObject, IKubernetesEntity<ClusterRole>
{
    public ClusterRole()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", Namespaced: false);

    public static JsonTypeInfo<ClusterRole> JsonTypeInfo => KubeJsonContext.Default.ClusterRole;

    public List<PolicyRule>? Rules { get; set; }
}
