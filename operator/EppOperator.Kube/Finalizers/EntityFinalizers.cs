using EppOperator.Kube.Client;

namespace EppOperator.Kube.Finalizers;

/// <summary>
/// Adds and removes finalizer identifiers with conflict retries. Callers must continue with the returned
/// object: its resourceVersion changed. Identifiers are qualified names (<c>example.com/cleanup</c>), at
/// most 63 characters in the name part, as KubeOps generates them.
/// </summary>
internal static class EntityFinalizers
{
    public static bool Has(IKubernetesObject entity, string identifier) =>
        entity.Metadata.Finalizers?.Contains(identifier, StringComparer.Ordinal) == true;

    /// <summary>Adds the identifier to the object (in memory); true when it was missing.</summary>
    public static bool Add(IKubernetesObject entity, string identifier)
    {
        if (Has(entity, identifier)) return false;
        (entity.Metadata.Finalizers ??= []).Add(identifier);
        return true;
    }

    /// <summary>Removes the identifier from the object (in memory); true when it was present.</summary>
    public static bool Remove(IKubernetesObject entity, string identifier)
    {
        if (entity.Metadata.Finalizers?.Remove(identifier) != true) return false;
        if (entity.Metadata.Finalizers.Count == 0) entity.Metadata.Finalizers = null;
        return true;
    }

    /// <summary>Ensures the stored object carries the finalizer; returns the latest stored version.</summary>
    public static Task<T> AttachAsync<T>(KubernetesClient client, T entity, string identifier, CancellationToken cancellationToken)
        where T : class, IKubernetesEntity<T> =>
        ModifyAsync(client, entity, e => e.Metadata.DeletionTimestamp is null && Add(e, identifier), cancellationToken);

    /// <summary>Ensures the stored object no longer carries the finalizer; returns the latest version, or null when it is gone.</summary>
    public static async Task<T?> DetachAsync<T>(KubernetesClient client, T entity, string identifier, CancellationToken cancellationToken)
        where T : class, IKubernetesEntity<T>
    {
        try
        {
            return await ModifyAsync(client, entity, e => Remove(e, identifier), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    internal static void ValidateIdentifier(string identifier)
    {
        var slash = identifier.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? identifier : identifier[(slash + 1)..];
        if (identifier.Length == 0 || name.Length is 0 or > 63)
        {
            throw new ArgumentException($"finalizer '{identifier}' must be a qualified name with at most 63 characters after the '/'", nameof(identifier));
        }
    }

    private static async Task<T> ModifyAsync<T>(KubernetesClient client, T entity, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, IKubernetesEntity<T> =>
        (await KubeRetry.ModifyAsync(client, entity, change, client.UpdateAsync, cancellationToken).ConfigureAwait(false)).Entity;
}
