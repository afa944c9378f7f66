namespace EppOperator.Kube.Entities.Apps;

/// <summary>apps/v1 DeploymentStatus.</summary>
internal sealed class DeploymentStatus : KubeModel
{
    public long? ObservedGeneration { get; set; }

    public int? Replicas { get; set; }

    public int? UpdatedReplicas { get; set; }

    public int? ReadyReplicas { get; set; }

    public int? AvailableReplicas { get; set; }

    public int? UnavailableReplicas { get; set; }

    public List<Condition>? Conditions { get; set; }
}
