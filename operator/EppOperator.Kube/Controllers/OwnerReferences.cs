namespace EppOperator.Kube.Controllers;

/// <summary>
/// Owner references for garbage collection. Owners must be cluster-scoped or in the dependent's namespace
/// (otherwise the collector treats the reference as absent and deletes the dependent), and a dependent has
/// at most one controller reference.
/// </summary>
internal static class OwnerReferences
{
    /// <summary>A reference to <paramref name="owner"/>; controller references also block the owner's foreground deletion.</summary>
    public static OwnerReference For(IKubernetesObject owner, bool controller = true, bool blockOwnerDeletion = true) => new()
    {
        ApiVersion = owner.ApiVersion ?? throw new ArgumentException("the owner has no apiVersion", nameof(owner)),
        Kind = owner.Kind ?? throw new ArgumentException("the owner has no kind", nameof(owner)),
        Name = owner.Metadata.Name ?? throw new ArgumentException("the owner has no name", nameof(owner)),
        Uid = owner.Metadata.Uid ?? throw new ArgumentException("the owner has no uid (read it back from the server first)", nameof(owner)),
        Controller = controller,
        BlockOwnerDeletion = blockOwnerDeletion,
    };

    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="dependent"/> (in memory).
    /// </summary>
    /// <exception cref="InvalidOperationException">Another object already controls the dependent.</exception>
    /// <exception cref="ArgumentException">The owner is namespaced and in another namespace.</exception>
    public static void SetController(IKubernetesObject dependent, IKubernetesObject owner)
    {
        var ownerNamespace = owner.Metadata.Namespace ?? "";
        if (ownerNamespace.Length > 0 && ownerNamespace != (dependent.Metadata.Namespace ?? ""))
        {
            throw new ArgumentException($"cross-namespace owner references are not allowed: {owner.Kind} {ownerNamespace}/{owner.Metadata.Name} cannot own an object in '{dependent.Metadata.Namespace}'", nameof(owner));
        }

        var references = dependent.Metadata.OwnerReferences ??= [];
        var existing = references.FirstOrDefault(r => r.Controller == true);
        if (existing is not null && existing.Uid != owner.Metadata.Uid)
        {
            throw new InvalidOperationException($"{dependent.Kind} {dependent.Metadata.Name} is already controlled by {existing.Kind} {existing.Name}");
        }

        references.RemoveAll(r => r.Uid == owner.Metadata.Uid);
        references.Add(For(owner));
    }
}
