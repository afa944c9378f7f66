using System.Diagnostics;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Coordination;
using EppOperator.Kube.LeaderElection;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests.LeaderElection;

public class LeaderElectorTests
{
    // Whole seconds for the lease because the Lease records leaseDurationSeconds as an integer.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);

    private KubeApiServer _server = null!;
    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public async Task SetUp() => _server = await KubeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _disposables.Clear();
        await _server.DisposeAsync();
    }

    [TestCase(15, 10, 2, true)]
    [TestCase(10, 10, 2, false)]
    [TestCase(15, 2, 2, false)]
    [TestCase(15, 10, 0, false)]
    public void Validate_Timings_RequireLeaseAboveRenewAboveRetry(int lease, int renew, int retry, bool valid)
    {
        // Arrange
        var options = new LeaderElectionOptions { LeaseName = "l", Namespace = "default", LeaseDuration = TimeSpan.FromSeconds(lease), RenewDeadline = TimeSpan.FromSeconds(renew), RetryPeriod = TimeSpan.FromSeconds(retry) };

        // Act / Assert
        if (valid) Assert.DoesNotThrow(options.Validate);
        else Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Defaults_MatchControllerRuntime()
    {
        // Act
        var options = new LeaderElectionOptions { LeaseName = "l", Namespace = "n" };

        // Assert
        Assert.That((options.LeaseDuration, options.RenewDeadline, options.RetryPeriod), Is.EqualTo((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2))));
    }

    [Test]
    public async Task RunAsync_SingleCandidate_AcquiresAndRecordsItselfInTheLease()
    {
        // Arrange
        var a = Candidate("a");

        // Act
        _ = a.Elector.RunAsync(a.Stop.Token);
        await a.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        using var client = FixtureClients.Create(_server);
        var lease = await client.GetAsync<Lease>("test-lease", "default");

        // Assert
        Assert.That(lease!.Spec!.HolderIdentity, Is.EqualTo("a"));
        Assert.That(lease.Spec.LeaseDurationSeconds, Is.EqualTo(2));
        Assert.That(lease.Spec.LeaseTransitions, Is.Zero);
    }

    [Test]
    public async Task WaitForLeadershipAsync_SlowStartedLeadingObserver_CompletesOnlyAfterTheObserverRan()
    {
        // Arrange: the observer gives a waiter a second to start work before it records the term.
        var a = Candidate("a");
        using var waiterRan = new ManualResetEventSlim();
        var observed = false;
        a.Elector.StartedLeading += () =>
        {
            waiterRan.Wait(TimeSpan.FromSeconds(1));
            Volatile.Write(ref observed, true);
        };

        // Act
        _ = a.Elector.RunAsync(a.Stop.Token);
        await a.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var observedWhenReleased = Volatile.Read(ref observed);
        waiterRan.Set();

        // Assert: work under the term cannot start before observers learned of it.
        Assert.That(observedWhenReleased, Is.True);
    }

    [Test]
    public async Task RunAsync_LeaderCrashes_OtherTakesOverWithinLeaseDurationPlusRetry_NeverTwoLeaders()
    {
        // Arrange
        var a = Candidate("a", releaseOnCancel: false);
        var b = Candidate("b");
        var runA = a.Elector.RunAsync(a.Stop.Token);
        await a.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _ = b.Elector.RunAsync(b.Stop.Token);
        await Task.Delay(Lease + Retry);
        Assert.That(b.Elector.IsLeader, Is.False, "b must not take a lease that is being renewed");

        // Act: a dies without releasing the lease.
        var crashedAt = Stopwatch.GetTimestamp();
        await a.Stop.CancelAsync();
        await runA;
        await b.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var takeover = Stopwatch.GetElapsedTime(crashedAt);

        // Assert: lease duration plus one jittered retry period (and scheduling slack on a busy machine).
        Assert.That(takeover, Is.LessThan(Lease + (Retry * 2.2) + TimeSpan.FromSeconds(1.5)));
        Assert.That(b.Intervals.Single().Start, Is.GreaterThanOrEqualTo(a.Intervals.Single().End!.Value));
        using var client = FixtureClients.Create(_server);
        var lease = await client.GetAsync<Lease>("test-lease", "default");
        Assert.That((lease!.Spec!.HolderIdentity, lease.Spec.LeaseTransitions), Is.EqualTo(("b", 1)));
    }

    [Test]
    public async Task RunAsync_LeaderPartitioned_StepsDownBeforeTheOtherAcquires()
    {
        // Arrange
        var a = Candidate("a");
        var b = Candidate("b");
        _ = a.Elector.RunAsync(a.Stop.Token);
        await a.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var leadership = await a.Elector.WaitForLeadershipAsync(CancellationToken.None);
        _ = b.Elector.RunAsync(b.Stop.Token);

        // Act: a cannot reach the API server any more, but keeps running.
        var cutAt = Stopwatch.GetTimestamp();
        a.Network.Fail = true;
        await Poll.UntilAsync(() => leadership.IsCancellationRequested, "a stepping down");
        var stepDown = Stopwatch.GetElapsedTime(cutAt);
        await b.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(stepDown, Is.LessThan(Renew + Retry + TimeSpan.FromSeconds(1)));
        Assert.That(a.Intervals.Single().End, Is.Not.Null);
        Assert.That(b.Intervals.Single().Start, Is.GreaterThanOrEqualTo(a.Intervals.Single().End!.Value), "never two leaders at once");
    }

    [Test]
    public async Task RunAsync_LeaderShutsDownGracefully_ReleasesSoTheOtherNeedNotWaitOutTheLease()
    {
        // Arrange
        var a = Candidate("a");
        var b = Candidate("b");
        var runA = a.Elector.RunAsync(a.Stop.Token);
        await a.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _ = b.Elector.RunAsync(b.Stop.Token);
        await Task.Delay(Retry * 3);

        // Act
        var stoppedAt = Stopwatch.GetTimestamp();
        await a.Stop.CancelAsync();
        await runA;
        await b.Elector.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: the released lease has a one-second duration, well under the configured two.
        Assert.That(Stopwatch.GetElapsedTime(stoppedAt), Is.LessThan(Lease));
        Assert.That(b.Intervals.Single().Start, Is.GreaterThanOrEqualTo(a.Intervals.Single().End!.Value));
    }

    private CandidateUnderTest Candidate(string identity, bool releaseOnCancel = true)
    {
        var network = new ToggleFailureHandler();
        var client = FixtureClients.Create(_server, new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, network);
        var elector = new LeaderElector(client, new LeaderElectionOptions
        {
            LeaseName = "test-lease",
            Namespace = "default",
            Identity = identity,
            LeaseDuration = Lease,
            RenewDeadline = Renew,
            RetryPeriod = Retry,
            ReleaseOnCancel = releaseOnCancel,
        });
        var candidate = new CandidateUnderTest(elector, network, new CancellationTokenSource());
        elector.StartedLeading += () => candidate.Intervals.Add(new Interval(Stopwatch.GetTimestamp(), null));
        elector.StoppedLeading += () => candidate.Intervals[^1] = candidate.Intervals[^1] with { End = Stopwatch.GetTimestamp() };
        _disposables.Add(client);
        _disposables.Add(elector);
        _disposables.Add(candidate.Stop);
        return candidate;
    }

    private sealed record Interval(long Start, long? End);

    private sealed record CandidateUnderTest(LeaderElector Elector, ToggleFailureHandler Network, CancellationTokenSource Stop)
    {
        public List<Interval> Intervals { get; } = [];
    }
}
