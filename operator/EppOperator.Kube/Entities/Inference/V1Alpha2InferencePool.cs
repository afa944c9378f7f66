using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Legacy <c>inference.networking.x-k8s.io/v1alpha2</c> InferencePool (GAIE v0.5): flat selector, one target
/// port and an <c>extensionRef</c>. A different group from v1, so both coexist without conversion.
/// </summary>
internal sealed class V1Alpha2InferencePool : KubernetesObject, IKubernetesEntity<V1Alpha2InferencePool>
{
    public const string Group = "inference.networking.x-k8s.io";

    public V1Alpha2InferencePool()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(Group, "v1alpha2", "InferencePool", "inferencepools", Namespaced: true);

    public static JsonTypeInfo<V1Alpha2InferencePool> JsonTypeInfo => KubeJsonContext.Default.V1Alpha2InferencePool;

    [Required]
    public V1Alpha2InferencePoolSpec Spec { get; set; } = new();

    public V1Alpha2InferencePoolStatus? Status { get; set; }
}
