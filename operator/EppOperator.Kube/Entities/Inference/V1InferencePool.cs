using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// <c>inference.networking.k8s.io/v1</c> InferencePool (short name <c>infpool</c>, status subresource): a
/// set of model-server pods, the ports they serve on, and the Endpoint Picker that routes to them. The
/// CRD is external (installed from the upstream release); gateways, not the EPP, write its status.
/// </summary>
internal sealed class V1InferencePool : KubernetesObject, IKubernetesEntity<V1InferencePool>
{
    public const string Group = "inference.networking.k8s.io";

    public V1InferencePool()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(Group, "v1", "InferencePool", "inferencepools", Namespaced: true);

    public static JsonTypeInfo<V1InferencePool> JsonTypeInfo => KubeJsonContext.Default.V1InferencePool;

    [Required]
    public V1InferencePoolSpec Spec { get; set; } = new();

    public V1InferencePoolStatus? Status { get; set; }
}
