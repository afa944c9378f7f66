using System.Threading.Channels;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Grpc.Health;

/// <summary>A subscription to one service's status; see <see cref="HealthStatusRegistry.Watch"/>.</summary>
internal sealed class HealthWatch(ServingStatus initial, ChannelReader<ServingStatus> updates, Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    /// <summary>The status when the watch began.</summary>
    public ServingStatus Initial { get; } = initial;

    /// <summary>Changes after <see cref="Initial"/>; when several happen before a read, only the latest remains.</summary>
    public ChannelReader<ServingStatus> Updates { get; } = updates;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
