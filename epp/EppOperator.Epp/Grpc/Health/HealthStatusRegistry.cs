using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Grpc.Health;

/// <summary>
/// Serving status per service name, as served by <c>grpc.health.v1.Health</c>. The empty name stands for the whole
/// server. Watchers get the current status and then every change; a slow watcher holds only the latest change, never
/// a backlog.
/// </summary>
internal sealed class HealthStatusRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private bool _shutDown;

    /// <summary>Sets a service's status and tells its watchers when it changed.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_shutDown || (_statuses.TryGetValue(service, out var previous) && previous == status))
            {
                return;
            }

            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND again and watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        lock (_gate)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>
    /// Marks every service NOT_SERVING, ignores later updates and ends all watch streams, so a server can drain
    /// without health streams holding its shutdown open (grpc-go's <c>Shutdown</c>).
    /// </summary>
    public void Shutdown()
    {
        lock (_gate)
        {
            _shutDown = true;
            foreach (var service in _statuses.Keys.ToList())
            {
                _statuses[service] = ServingStatus.NotServing;
                Notify(service, ServingStatus.NotServing);
            }

            foreach (var channel in _watchers.Values.SelectMany(w => w))
            {
                channel.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>
    /// Subscribes to a service's status: <see cref="HealthWatch.Initial"/> is the status now (SERVICE_UNKNOWN when the
    /// name is not set) and <see cref="HealthWatch.Updates"/> yields every later change, completing on
    /// <see cref="Shutdown"/>. Dispose the subscription to stop watching.
    /// </summary>
    public HealthWatch Watch(string service)
    {
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        ServingStatus initial;
        lock (_gate)
        {
            initial = _statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown;
            if (_shutDown)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                if (!_watchers.TryGetValue(service, out var list))
                {
                    _watchers[service] = list = [];
                }

                list.Add(channel);
            }
        }

        return new HealthWatch(initial, channel.Reader, () => Unsubscribe(service, channel));
    }

    /// <summary>Number of open watch streams for a service (observability and tests).</summary>
    public int WatcherCount(string service)
    {
        lock (_gate)
        {
            return _watchers.TryGetValue(service, out var list) ? list.Count : 0;
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var channel in list)
            {
                channel.Writer.TryWrite(status);
            }
        }
    }

    private void Unsubscribe(string service, Channel<ServingStatus> channel)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(service, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _watchers.Remove(service);
            }
        }

        channel.Writer.TryComplete();
    }
}
