using EppOperator.Kube.Entities.Core;

namespace EppOperator.Kube.Entities.Apps;

/// <summary>The pod template of a workload.</summary>
internal sealed class PodTemplateSpec : KubeModel
{
    public ObjectMeta? Metadata { get; set; }

    public PodSpec? Spec { get; set; }
}
