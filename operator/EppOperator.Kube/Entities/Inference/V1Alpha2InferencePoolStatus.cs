using System.ComponentModel.DataAnnotations;

namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Observed state of a v1alpha2 pool. The CRD defaults it to a placeholder parent <c>{kind: Status, name:
/// default}</c> with <c>Accepted=Unknown/Pending</c>, which a controller removes when it writes its own.
/// </summary>
internal sealed class V1Alpha2InferencePoolStatus : KubeModel
{
    /// <summary>Per-gateway status (singular JSON name, unlike v1's <c>parents</c>); at most 32.</summary>
    [MaxLength(32)]
    public List<V1Alpha2PoolStatus>? Parent { get; set; }
}
