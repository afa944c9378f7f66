namespace EppOperator.Kube.Entities;

/// <summary>core/v1 ObjectReference, used by Events (<c>involvedObject</c>).</summary>
internal sealed class ObjectReference : KubeModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public string? FieldPath { get; set; }
}
