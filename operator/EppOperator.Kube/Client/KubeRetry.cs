using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Kube.Client;

/// <summary>
/// Retry-on-conflict for read-modify-write sequences, with client-go's <c>DefaultRetry</c>: 5 attempts,
/// 10 ms apart with 10% jitter; only 409 Conflict is retried, every other failure surfaces at once.
/// </summary>
internal static class KubeRetry
{
    public const int DefaultAttempts = 5;
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(10);

    /// <param name="action">Reads the latest object, changes it and writes it; runs again after a conflict.</param>
    /// <param name="random">Jitter source (tests pass a seeded one).</param>
    /// <param name="logger">Receives one debug line per retried conflict.</param>
    /// <param name="cancellationToken">Stops retrying.</param>
    public static async Task<T> OnConflictAsync<T>(Func<CancellationToken, Task<T>> action, Random? random = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        random ??= Random.Shared;
        logger ??= NullLogger.Instance;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesException ex) when (ex.IsConflict && attempt < DefaultAttempts)
            {
                var delay = DefaultDelay * (1 + (0.1 * random.NextDouble()));
                KubernetesClientLog.ConflictRetry(logger, attempt, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
