namespace EppOperator.Kube.Entities.Apps;

/// <summary>How a Deployment replaces pods: <c>RollingUpdate</c> (default) or <c>Recreate</c>.</summary>
internal sealed class DeploymentStrategy : KubeModel
{
    public string? Type { get; set; }

    public RollingUpdateDeployment? RollingUpdate { get; set; }
}
