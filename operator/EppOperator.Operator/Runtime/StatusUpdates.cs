using EppOperator.Kube.Client;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Read-modify-write of a status subresource: apply the change to the object as read, PUT it with that
/// resourceVersion, and on 409 read the object again and reapply the change (client-go's RetryOnConflict).
/// </summary>
internal static class StatusUpdates
{
    public const int Attempts = 5;

    /// <param name="client">The API client.</param>
    /// <param name="current">The object as last read.</param>
    /// <param name="mutate">Sets the desired status on the object; returns false when nothing needs writing.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>Whether a write happened.</returns>
    public static async Task<bool> UpdateAsync<T>(KubernetesClient client, T current, Func<T, bool> mutate, CancellationToken cancellationToken)
        where T : class, IKubernetesEntity<T>
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!mutate(current)) return false;
            try
            {
                await client.UpdateStatusAsync(current, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (KubernetesException ex) when (ex.IsConflict && attempt < Attempts)
            {
                // Someone else wrote meanwhile: merge into their version.
                current = await client.GetAsync<T>(current.Metadata.Name!, current.Metadata.Namespace, cancellationToken).ConfigureAwait(false)
                    ?? throw new KubernetesException(404, "NotFound", $"{T.EntityType.Kind} {current} is gone");
            }
        }
    }
}
