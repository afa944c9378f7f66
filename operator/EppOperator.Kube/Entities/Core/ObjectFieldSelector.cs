namespace EppOperator.Kube.Entities.Core;

/// <summary>Downward API field, e.g. <c>metadata.namespace</c>.</summary>
internal sealed class ObjectFieldSelector : KubeModel
{
    public string FieldPath { get; set; } = "";

    public string? ApiVersion { get; set; }
}
