using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Apps;

/// <summary>Surge and unavailability bounds of a rolling update (counts or percentages).</summary>
internal sealed class RollingUpdateDeployment : KubeModel
{
    public IntOrString? MaxUnavailable { get; set; }

    public IntOrString? MaxSurge { get; set; }
}
