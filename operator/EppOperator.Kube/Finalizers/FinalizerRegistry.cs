namespace EppOperator.Kube.Finalizers;

/// <summary>The finalizer identifiers registered for an entity type, in registration order.</summary>
internal sealed class FinalizerRegistry<TEntity>
    where TEntity : IKubernetesObject
{
    private readonly List<string> _identifiers = [];

    public FinalizerRegistry()
    {
    }

    public FinalizerRegistry(IEnumerable<FinalizerRegistration<TEntity>> registrations)
    {
        foreach (var registration in registrations) Register(registration.Identifier);
    }

    public IReadOnlyList<string> Identifiers => _identifiers;

    public void Register(string identifier)
    {
        EntityFinalizers.ValidateIdentifier(identifier);
        if (!_identifiers.Contains(identifier, StringComparer.Ordinal)) _identifiers.Add(identifier);
    }

    /// <summary>The first of the object's finalizers that this process handles, if any.</summary>
    public string? FirstPending(IKubernetesObject entity) =>
        entity.Metadata.Finalizers?.FirstOrDefault(f => _identifiers.Contains(f, StringComparer.Ordinal));
}
