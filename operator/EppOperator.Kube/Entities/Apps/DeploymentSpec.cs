namespace EppOperator.Kube.Entities.Apps;

/// <summary>apps/v1 DeploymentSpec.</summary>
internal sealed class DeploymentSpec : KubeModel
{
    public int? Replicas { get; set; }

    /// <summary>Immutable after creation.</summary>
    public LabelSelector? Selector { get; set; }

    public PodTemplateSpec Template { get; set; } = new();

    public DeploymentStrategy? Strategy { get; set; }

    public int? RevisionHistoryLimit { get; set; }

    public int? MinReadySeconds { get; set; }

    public int? ProgressDeadlineSeconds { get; set; }

    public bool? Paused { get; set; }
}
