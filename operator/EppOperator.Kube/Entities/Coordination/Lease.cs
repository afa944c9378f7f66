using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Coordination;

/// <summary>coordination.k8s.io/v1 Lease, used for leader election.</summary>
internal sealed class Lease : KubernetesObject, IKubernetesEntity<Lease>
{
    public Lease()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true);

    public static JsonTypeInfo<Lease> JsonTypeInfo => KubeJsonContext.Default.Lease;

    public LeaseSpec? Spec { get; set; }
}
