namespace EppOperator.Kube.Entities;

/// <summary>
/// Points a dependent at its owner for garbage collection. At most one reference may have
/// <see cref="Controller"/> true; owners must be cluster-scoped or in the dependent's namespace.
/// </summary>
internal sealed class OwnerReference : KubeModel
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public string Uid { get; set; } = "";

    public bool? Controller { get; set; }

    /// <summary>Foreground deletion of the owner waits for this dependent; the writer needs delete on the owner.</summary>
    public bool? BlockOwnerDeletion { get; set; }
}
