namespace EppOperator.Kube.Entities;

/// <summary>Identity of an object within its resource type: namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct NamespacedName(string Namespace, string Name)
{
    public static NamespacedName Of(IKubernetesObject obj) => new(obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
