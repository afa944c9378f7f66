namespace EppOperator.Kube.Entities.Core;

/// <summary>One key of a Secret or ConfigMap.</summary>
internal sealed class KeySelector : KubeModel
{
    public string? Name { get; set; }

    public string Key { get; set; } = "";

    public bool? Optional { get; set; }
}
