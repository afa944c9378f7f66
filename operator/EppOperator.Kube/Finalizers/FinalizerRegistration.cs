namespace EppOperator.Kube.Finalizers;

/// <summary>A finalizer identifier registered in DI for an entity type; collected into the <see cref="FinalizerRegistry{TEntity}"/>.</summary>
internal sealed record FinalizerRegistration<TEntity>(string Identifier)
    where TEntity : IKubernetesObject;
