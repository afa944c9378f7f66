using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// <c>inference.networking.x-k8s.io/v1alpha2</c> InferenceModelRewrite: rewrites the request's model name to
/// weighted targets. Precedence: an exact match beats a catch-all rule, then the oldest object, then the
/// first rule. Printer columns: Inference Pool, Age.
/// </summary>
internal sealed class V1Alpha2InferenceModelRewrite : KubernetesObject, IKubernetesEntity<V1Alpha2InferenceModelRewrite>
{
    public V1Alpha2InferenceModelRewrite()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new(V1Alpha2InferencePool.Group, "v1alpha2", "InferenceModelRewrite", "inferencemodelrewrites", Namespaced: true);

    public static JsonTypeInfo<V1Alpha2InferenceModelRewrite> JsonTypeInfo => KubeJsonContext.Default.V1Alpha2InferenceModelRewrite;

    [Required]
    public V1Alpha2InferenceModelRewriteSpec Spec { get; set; } = new();

    public InferenceConditionsStatus? Status { get; set; }
}
