namespace EppOperator.Kube.Entities.Core;

/// <summary>Linux capabilities to add or drop.</summary>
internal sealed class Capabilities : KubeModel
{
    public List<string>? Add { get; set; }

    public List<string>? Drop { get; set; }
}
