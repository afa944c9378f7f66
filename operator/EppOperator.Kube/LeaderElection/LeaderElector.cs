using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Kube.LeaderElection;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease, following client-go's algorithm: a candidate
/// takes the lease only when its holder has not renewed for <c>leaseDurationSeconds</c> as measured on the
/// candidate's own clock since it last saw the record change (clock skew between nodes does not matter);
/// writes carry the resourceVersion just read, so concurrent takeovers resolve by 409. A leader renews
/// every retry period and steps down as soon as a renewal cycle misses the renew deadline — which is
/// shorter than the lease, so the old leader has stopped before a successor can acquire. Like client-go,
/// this is not fencing: a paused process can still act briefly after losing the lease.
/// </summary>
internal sealed class LeaderElector : ILeaderElector, IDisposable
{
    private readonly KubernetesClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private TaskCompletionSource<CancellationToken> _leadership = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _leadingCts;
    private LeaseSpec? _observedRecord;
    private DateTimeOffset _observedTime;
    private volatile bool _isLeader;

    public LeaderElector(KubernetesClient client, LeaderElectionOptions options, ILogger<LeaderElector>? logger = null, TimeProvider? timeProvider = null, Random? random = null)
    {
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    public event Action? StartedLeading;

    public event Action? StoppedLeading;

    public string Identity => _options.Identity;

    public bool IsLeader => _isLeader;

    public string? ObservedLeader { get; private set; }

    public LeaderElectionOptions Options => _options;

    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _leadership.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Campaigns, leads, and after losing the lease campaigns again, until cancelled (then releases when leading).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await AcquireAsync(cancellationToken).ConfigureAwait(false);
                BecomeLeader();
                await RenewUntilLostAsync(cancellationToken).ConfigureAwait(false);
                // Stop the work first, then hand the lease back so a successor need not wait it out.
                StepDown(lost: !cancellationToken.IsCancellationRequested);
                if (cancellationToken.IsCancellationRequested && _options.ReleaseOnCancel && await ReleaseAsync().ConfigureAwait(false))
                {
                    LeaderElectionLog.Released(_logger, Identity, _options.Namespace, _options.LeaseName);
                }
                if (!cancellationToken.IsCancellationRequested) await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_isLeader) StepDown(lost: false);
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var attempt = new CancellationTokenSource(_options.RenewDeadline, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token))
            {
                if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false)) return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            // client-go's JitterUntil with factor 1.2: wait between one and 2.2 retry periods.
            await DelayAsync(_options.RetryPeriod * (1 + (1.2 * _random.NextDouble())), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews until a cycle misses the deadline or shutdown begins; never throws for either.</summary>
    private async Task RenewUntilLostAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // One renewal cycle: retry every period until success or the renew deadline, whichever is first.
            using var deadline = new CancellationTokenSource(_options.RenewDeadline, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var renewed = false;
            while (!linked.IsCancellationRequested)
            {
                try
                {
                    if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false))
                    {
                        renewed = true;
                        break;
                    }

                    await Task.Delay(_options.RetryPeriod, _time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (!renewed) return;
            try
            {
                await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            var lease = await _client.GetAsync<Lease>(_options.LeaseName, _options.Namespace, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var created = await _client.CreateAsync(new Lease
                {
                    Metadata = new ObjectMeta { Name = _options.LeaseName, Namespace = _options.Namespace },
                    Spec = NewRecord(now, previous: null),
                }, cancellationToken).ConfigureAwait(false);
                Observe(created.Spec!, now);
                return true;
            }

            var record = lease.Spec ?? new LeaseSpec();
            if (!SameRecord(record, _observedRecord)) Observe(record, now);
            var holder = record.HolderIdentity;
            var duration = TimeSpan.FromSeconds(record.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
            if (!string.IsNullOrEmpty(holder) && holder != Identity && _observedTime + duration > now) return false;

            lease.Spec = NewRecord(now, record);
            var updated = await _client.UpdateAsync(lease, cancellationToken).ConfigureAwait(false);
            Observe(updated.Spec!, now);
            return true;
        }
        catch (KubernetesException ex)
        {
            LeaderElectionLog.AttemptFailed(_logger, _options.Namespace, _options.LeaseName, ex.Message);
            return false;
        }
    }

    private LeaseSpec NewRecord(DateTimeOffset now, LeaseSpec? previous)
    {
        var keepsHolder = previous?.HolderIdentity == Identity;
        return new LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            AcquireTime = keepsHolder ? previous!.AcquireTime : now,
            RenewTime = now,
            LeaseTransitions = previous is null ? 0 : keepsHolder ? previous.LeaseTransitions ?? 0 : (previous.LeaseTransitions ?? 0) + 1,
            ExtensionData = previous?.ExtensionData,
        };
    }

    private void Observe(LeaseSpec record, DateTimeOffset now)
    {
        _observedRecord = record;
        _observedTime = now;
        if (ObservedLeader != record.HolderIdentity)
        {
            ObservedLeader = record.HolderIdentity;
            if (!string.IsNullOrEmpty(record.HolderIdentity)) LeaderElectionLog.NewLeader(_logger, _options.Namespace, _options.LeaseName, record.HolderIdentity);
        }
    }

    private static bool SameRecord(LeaseSpec a, LeaseSpec? b) =>
        b is not null
        && a.HolderIdentity == b.HolderIdentity
        && a.RenewTime == b.RenewTime
        && a.AcquireTime == b.AcquireTime
        && a.LeaseDurationSeconds == b.LeaseDurationSeconds
        && a.LeaseTransitions == b.LeaseTransitions;

    private async Task<bool> ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
            var lease = await _client.GetAsync<Lease>(_options.LeaseName, _options.Namespace, timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity) return false;
            var now = _time.GetUtcNow();
            lease.Spec = new LeaseSpec
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = lease.Spec.LeaseTransitions,
                ExtensionData = lease.Spec.ExtensionData,
            };
            await _client.UpdateAsync(lease, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is KubernetesException or OperationCanceledException)
        {
            LeaderElectionLog.AttemptFailed(_logger, _options.Namespace, _options.LeaseName, "release: " + ex.Message);
            return false;
        }
    }

    private void BecomeLeader()
    {
        CancellationToken token;
        lock (_lock)
        {
            _leadingCts = new CancellationTokenSource();
            _isLeader = true;
            token = _leadingCts.Token;
        }

        // Observers hear of the term before any waiter starts work under it (the mirror of StepDown), so
        // nothing done as leader can precede StartedLeading.
        LeaderElectionLog.StartedLeading(_logger, Identity, _options.Namespace, _options.LeaseName);
        StartedLeading?.Invoke();
        lock (_lock)
        {
            _leadership.TrySetResult(token);
        }
    }

    private void StepDown(bool lost)
    {
        CancellationTokenSource? leading;
        lock (_lock)
        {
            if (!_isLeader) return;
            _isLeader = false;
            leading = _leadingCts;
            _leadingCts = null;
            _leadership = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Cancel first: work under the leadership token must stop before anything else happens.
        leading?.Cancel();
        leading?.Dispose();
        if (lost) LeaderElectionLog.StoppedLeading(_logger, Identity, _options.Namespace, _options.LeaseName, _options.RenewDeadline.TotalMilliseconds);
        StoppedLeading?.Invoke();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _leadingCts?.Dispose();
            _leadingCts = null;
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);
}
