using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Status of InferenceModel, InferenceObjective and InferenceModelRewrite: conditions only. The CRDs default
/// it to a single <c>Unknown/Pending</c> condition (<c>Ready</c> for models and objectives, <c>Accepted</c>
/// for rewrites); upstream nothing writes it.
/// </summary>
internal sealed class InferenceConditionsStatus : KubeModel
{
    [MaxLength(8)]
    public List<Condition>? Conditions { get; set; }
}
