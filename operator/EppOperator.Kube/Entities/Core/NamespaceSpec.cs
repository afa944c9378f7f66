namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 NamespaceSpec.</summary>
internal sealed class NamespaceSpec : KubeModel
{
    public List<string>? Finalizers { get; set; }
}
