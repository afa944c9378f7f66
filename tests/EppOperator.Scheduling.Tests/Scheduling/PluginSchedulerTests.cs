using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Scheduling.Tests.Vectors;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Scheduling.Tests.Scheduling;

public sealed class PluginSchedulerTests
{
    private static IEnumerable<IntegrationVector> ReferenceVectors => IntegrationVectors.Cases;

    [TestCaseSource(nameof(ReferenceVectors))]
    public void Schedule_ReferenceIntegrationVector_PicksExpectedEndpoint(IntegrationVector vector)
    {
        var scheduler = Build(IntegrationVectors.Config);
        var request = TestRequests.Completion(vector.Prompt, vector.Model, vector.Target);

        var result = scheduler.Schedule(request, vector.Endpoints());

        Assert.That(result.Primary?.HostPort, Is.EqualTo(vector.Expected));
    }

    [Test]
    public void Schedule_NoCandidates_FailsWithReason()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);

        var result = scheduler.Schedule(TestRequests.Completion(), []);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo(PluginScheduler.NoCandidates));
    }

    [Test]
    public void Schedule_FilterRemovesEveryone_FailsWithReferenceReason()
    {
        var scheduler = Build("""
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - type: low-queue-filter
              parameters: {threshold: 1}
            """);

        var result = scheduler.Schedule(TestRequests.Completion(), [TestEndpoints.Create(0, queue: 5)]);

        Assert.That(result.FailureReason, Is.EqualTo(SchedulerProfile.NoEndpointsAvailable));
    }

    [Test]
    public void Schedule_MaxNumOfEndpoints_ReturnsOrderedFallbacks()
    {
        var scheduler = Build("""
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - type: queue-scorer
            - type: max-score-picker
              parameters: {maxNumOfEndpoints: 3}
            """);
        var endpoints = new[] { TestEndpoints.Create(0, queue: 5), TestEndpoints.Create(1, queue: 0), TestEndpoints.Create(2, queue: 9), TestEndpoints.Create(3, queue: 2) };

        var result = scheduler.Schedule(TestRequests.Completion(), endpoints);

        Assert.That(result.Primary, Is.SameAs(endpoints[1]));
        Assert.That(result.Fallbacks, Is.EqualTo(new[] { endpoints[3], endpoints[0] }));
    }

    [Test]
    public void Schedule_SingleEndpoint_PicksIt()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);
        var only = TestEndpoints.Create(0, queue: 50, kv: 0.99);

        var result = scheduler.Schedule(TestRequests.Completion(), [only]);

        Assert.That(result.Primary, Is.SameAs(only));
    }

    [Test]
    public void Schedule_StaleEndpointOtherwiseBest_PicksFreshOne()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);
        var stale = TestEndpoints.Create(0, queue: 0, kv: 0.0);
        stale.Metrics = stale.Metrics with { UpdatedAt = TestEndpoints.Now.AddMinutes(-5) };
        var fresh = TestEndpoints.Create(1, queue: 3, kv: 0.5);

        var result = scheduler.Schedule(TestRequests.Completion(), [stale, fresh]);

        Assert.That(result.Primary, Is.SameAs(fresh));
    }

    [Test]
    public void Hooks_PickThenComplete_InFlightAddedThenRemoved()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);
        var endpoints = TestEndpoints.Many(2);
        var request = TestRequests.Completion(new string('q', 398)); // 400 bytes with quotes → 100 tokens

        var result = scheduler.Schedule(request, endpoints);
        scheduler.OnPicked(request, result);
        var during = (result.Primary!.InFlightRequests, result.Primary.InFlightTokens);
        scheduler.OnResponseComplete(request, result, default, completed: false);
        scheduler.OnResponseComplete(request, result, default, completed: false);

        Assert.That(during, Is.EqualTo((1L, 250L)));
        Assert.That((result.Primary.InFlightRequests, result.Primary.InFlightTokens), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void Hooks_SecondRequestWithSamePrefix_FollowsFirstPick()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);
        var endpoints = TestEndpoints.Many(8);
        var shared = new string('s', 4096);

        var first = TestRequests.Completion(shared + " first question");
        var firstResult = scheduler.Schedule(first, endpoints);
        scheduler.OnPicked(first, firstResult);
        scheduler.OnResponseComplete(first, firstResult, default, completed: true);
        var second = TestRequests.Completion(shared + " another question");
        var secondResult = scheduler.Schedule(second, endpoints);

        Assert.That(secondResult.Primary, Is.SameAs(firstResult.Primary));
        Assert.That(((SchedulingRequestState)second.SchedulingState!).PrimaryMatchedBlocks, Is.EqualTo(64));
    }

    [Test]
    public void Hooks_BurstBetweenScrapes_SpreadsAcrossIdenticalEndpoints()
    {
        var scheduler = Build(SchedulerDefaults.ConfigText);
        var endpoints = TestEndpoints.Many(4);

        var picks = Enumerable.Range(0, 8).Select(i =>
        {
            var request = TestRequests.Completion($"burst request {i}");
            var result = scheduler.Schedule(request, endpoints);
            scheduler.OnPicked(request, result);
            return result.Primary!;
        }).ToList();

        Assert.That(endpoints.Select(e => picks.Count(p => p == e)), Is.All.EqualTo(2));
    }

    [Test]
    public void ReloadableScheduler_SwapWhileRequestInFlight_HooksGoToOwner()
    {
        var first = Build(SchedulerDefaults.ConfigText);
        var reloadable = new ReloadableScheduler(first);
        var endpoints = TestEndpoints.Many(2);
        var request = TestRequests.Completion("x");

        var result = reloadable.Schedule(request, endpoints);
        reloadable.OnPicked(request, result);
        reloadable.Swap(Build(SchedulerDefaults.ConfigText));
        reloadable.OnResponseComplete(request, result, default, completed: true);

        Assert.That(((SchedulingRequestState)request.SchedulingState!).Owner, Is.SameAs(first));
        Assert.That(result.Primary!.InFlightRequests, Is.Zero);
        Assert.That(reloadable.Current, Is.Not.SameAs(first));
    }

    [Test]
    public void Schedule_ConcurrentRequestsWithHooks_InFlightReturnsToZero()
    {
        var builder = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, new ManualTimeProvider(TestEndpoints.Now), Random.Shared);
        var scheduler = builder.Build(SchedulerDefaults.ConfigText).Scheduler!;
        var endpoints = TestEndpoints.Many(16);
        var picks = 0;

        Parallel.For(0, 4, worker =>
        {
            for (var i = 0; i < 500; i++)
            {
                var request = TestRequests.Completion(new string((char)('a' + (i % 7)), 300 + (i % 5 * 64)) + worker);
                var result = scheduler.Schedule(request, endpoints);
                scheduler.OnPicked(request, result);
                Interlocked.Increment(ref picks);
                scheduler.OnResponseComplete(request, result, default, completed: true);
            }
        });

        Assert.That(picks, Is.EqualTo(2_000));
        Assert.That(endpoints.Select(e => (e.InFlightRequests, e.InFlightTokens)), Is.All.EqualTo((0L, 0L)));
    }

    private static PluginScheduler Build(string config)
    {
        var builder = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, new ManualTimeProvider(TestEndpoints.Now), new Random(42));
        var built = builder.Build(config);
        Assert.That(built.Diagnostics.Errors, Is.Empty);
        return built.Scheduler!;
    }
}
