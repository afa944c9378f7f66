using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Legacy <c>inference.networking.x-k8s.io/v1alpha2</c> InferenceModel: a model name served by a pool, its
/// criticality and optional weighted target models. Superseded by InferenceObjective (priority) plus
/// InferenceModelRewrite (targets). Printer columns: Model Name, Inference Pool, Criticality, Age.
/// </summary>
internal sealed class V1Alpha2InferenceModel : KubernetesObject, IKubernetesEntity<V1Alpha2InferenceModel>
{
    public V1Alpha2InferenceModel()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(V1Alpha2InferencePool.Group, "v1alpha2", "InferenceModel", "inferencemodels", Namespaced: true);

    public static JsonTypeInfo<V1Alpha2InferenceModel> JsonTypeInfo => KubeJsonContext.Default.V1Alpha2InferenceModel;

    [Required]
    public V1Alpha2InferenceModelSpec Spec { get; set; } = new();

    public InferenceConditionsStatus? Status { get; set; }
}
