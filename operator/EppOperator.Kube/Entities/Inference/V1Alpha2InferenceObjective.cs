using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// <c>inference.networking.x-k8s.io/v1alpha2</c> InferenceObjective: a named priority for requests that
/// select it with the <c>x-gateway-inference-objective</c> header. Printer columns: Inference Pool,
/// Priority, Age.
/// </summary>
internal sealed class V1Alpha2InferenceObjective : KubernetesObject, IKubernetesEntity<V1Alpha2InferenceObjective>
{
    public V1Alpha2InferenceObjective()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(V1Alpha2InferencePool.Group, "v1alpha2", "InferenceObjective", "inferenceobjectives", Namespaced: true);

    public static JsonTypeInfo<V1Alpha2InferenceObjective> JsonTypeInfo => KubeJsonContext.Default.V1Alpha2InferenceObjective;

    [Required]
    public V1Alpha2InferenceObjectiveSpec Spec { get; set; } = new();

    public InferenceConditionsStatus? Status { get; set; }
}
