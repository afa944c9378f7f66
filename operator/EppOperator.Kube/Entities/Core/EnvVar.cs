namespace EppOperator.Kube.Entities.Core;

/// <summary>An environment variable, literal or taken from a field, Secret or ConfigMap.</summary>
internal sealed class EnvVar : KubeModel
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }

    public EnvVarSource? ValueFrom { get; set; }
}
