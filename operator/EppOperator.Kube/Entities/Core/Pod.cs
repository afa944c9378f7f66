using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 Pod.</summary>
internal sealed class Pod : KubernetesObject, IKubernetesEntity<Pod>
{
    public Pod()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "Pod", "pods", Namespaced: true);

    public static JsonTypeInfo<Pod> JsonTypeInfo => KubeJsonContext.Default.Pod;

    public PodSpec? Spec { get; set; }

    public PodStatus? Status { get; set; }
}
