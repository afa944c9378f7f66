using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Coordination;

/// <summary>coordination.k8s.io/v1 LeaseSpec: the leader-election record.</summary>
internal sealed class LeaseSpec : KubeModel
{
    /// <summary>Empty when released.</summary>
    public string? HolderIdentity { get; set; }

    public int? LeaseDurationSeconds { get; set; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary>Incremented only when the holder changes.</summary>
    public int? LeaseTransitions { get; set; }
}
