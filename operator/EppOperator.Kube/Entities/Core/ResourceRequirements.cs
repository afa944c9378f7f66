namespace EppOperator.Kube.Entities.Core;

/// <summary>CPU and memory requests and limits as quantity strings (<c>500m</c>, <c>8Gi</c>).</summary>
internal sealed class ResourceRequirements : KubeModel
{
    public Dictionary<string, string>? Limits { get; set; }

    public Dictionary<string, string>? Requests { get; set; }
}
