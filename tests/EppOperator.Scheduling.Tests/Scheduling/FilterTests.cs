using System.Net;
using System.Collections.Immutable;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Prefix;
using EppOperator.Epp.Scheduling.Filters;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Epp.Scheduling.Scorers;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Scheduling.Tests.Scheduling;

public sealed class FilterTests
{
    [TestCase(new[] { 0, 128, 129, 500 }, new[] { 0, 1 })]
    [TestCase(new[] { 200, 300 }, new int[0])]
    public void LowQueueFilter_Queues_KeepsAtMostThreshold(int[] queues, int[] expected)
    {
        var endpoints = queues.Select((q, i) => TestEndpoints.Create(i, queue: q)).ToArray();

        var kept = CycleHarness.Filter(new LowQueueFilter("f", LowQueueFilter.DefaultThreshold), endpoints);

        Assert.That(kept, Is.EqualTo(expected));
    }

    [TestCase(new[] { 0, 3, 6, 12 }, new[] { 0, 1 })]   // range 12, N 4 → q ≤ 3
    [TestCase(new[] { 5, 5 }, new[] { 0, 1 })]
    [TestCase(new[] { 9 }, new[] { 0 })]
    public void LeastQueueFilter_Queues_KeepsLowestSliceOfRange(int[] queues, int[] expected)
    {
        var endpoints = queues.Select((q, i) => TestEndpoints.Create(i, queue: q)).ToArray();

        var kept = CycleHarness.Filter(new LeastQueueFilter("f"), endpoints);

        Assert.That(kept, Is.EqualTo(expected));
    }

    [TestCase(new[] { 0.1, 0.3, 0.5 }, new[] { 0 })]      // range .4, N 3 → kv ≤ .2333
    [TestCase(new[] { 0.1, 0.2, 0.9, 0.5 }, new[] { 0, 1 })] // range .8, N 4 → kv ≤ .3
    public void LeastKvCacheFilter_Usage_KeepsLowestSliceOfRange(double[] usage, int[] expected)
    {
        var endpoints = usage.Select((kv, i) => TestEndpoints.Create(i, kv: kv)).ToArray();

        var kept = CycleHarness.Filter(new LeastKvCacheFilter("f"), endpoints);

        Assert.That(kept, Is.EqualTo(expected));
    }

    [Test]
    public void LoraAffinityFilter_AffinityAndFreeSlots_PrefersAffinityAlmostAlways()
    {
        var endpoints = new[]
        {
            TestEndpoints.Create(0, new EndpointMetrics { ActiveModels = ["tgt"], MaxActiveModels = 1, UpdatedAt = TestEndpoints.Now }),
            TestEndpoints.Create(1, new EndpointMetrics { MaxActiveModels = 2, UpdatedAt = TestEndpoints.Now }),
            TestEndpoints.Create(2, new EndpointMetrics { ActiveModels = ["a", "b"], MaxActiveModels = 2, UpdatedAt = TestEndpoints.Now }),
        };
        var random = new Random(3);
        var request = TestRequests.Completion(model: "tgt");

        var outcomes = Enumerable.Range(0, 2_000).Select(_ => CycleHarness.Filter(new LoraAffinityFilter("f", 0.9), endpoints, request, random)).ToList();

        Assert.That(outcomes.Count(o => o.SequenceEqual([0])), Is.InRange(1_700, 1_900));
        Assert.That(outcomes.Count(o => o.SequenceEqual([1])), Is.InRange(100, 300));
    }

    [Test]
    public void LoraAffinityFilter_NeitherAffinityNorSlot_KeepsNothing()
    {
        var endpoints = new[] { TestEndpoints.Create(0, new EndpointMetrics { ActiveModels = ["a"], MaxActiveModels = 1, UpdatedAt = TestEndpoints.Now }) };

        var kept = CycleHarness.Filter(new LoraAffinityFilter("f", LoraAffinityFilter.DefaultThreshold), endpoints, TestRequests.Completion(model: "tgt"));

        Assert.That(kept, Is.Empty);
    }

    [TestCase(1, new[] { 0, 1, 2 })]   // 1 s old: fresh
    [TestCase(5, new[] { 0, 1, 2 })]   // down-weighted only
    [TestCase(11, new[] { 0, 2 })]     // excluded
    public void StaleMetricsFilter_OneEndpointAging_ExcludedOnlyPastExcludeAfter(int ageSeconds, int[] expected)
    {
        var endpoints = TestEndpoints.Many(3);
        endpoints[1].Metrics = endpoints[1].Metrics with { UpdatedAt = TestEndpoints.Now.AddSeconds(-ageSeconds) };
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5);

        var kept = CycleHarness.Filter(filter, endpoints);

        Assert.That(kept, Is.EqualTo(expected));
    }

    [TestCase(1, new[] { 1, 2, 3 })]   // 3 of 4 fresh: the stale one goes
    [TestCase(3, new[] { 0, 1, 2, 3 })] // 1 of 4 fresh: a scraping fault, nobody is excluded
    public void StaleMetricsFilter_MostOfPoolStale_ExcludesOnlyWhileHalfAreFresh(int staleCount, int[] expected)
    {
        var endpoints = TestEndpoints.Many(4);
        for (var i = 0; i < staleCount; i++) endpoints[i].Metrics = endpoints[i].Metrics with { UpdatedAt = TestEndpoints.Now.AddMinutes(-1) };
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5);

        var kept = CycleHarness.Filter(filter, endpoints);

        Assert.That(kept, Is.EqualTo(expected));
    }

    [TestCase(1, new[] { 0, 1, 2 }, 2.0)]   // answered a second ago: alive, kept at full weight
    [TestCase(30, new[] { 1, 2 }, 1.0)]     // last answer as old as its metrics: excluded, and down-weighted
    public void StaleMetricsFilter_StaleMetricsButAnswering_TreatedAsFresh(int answeredSecondsAgo, int[] expectedKept, double expectedTotal)
    {
        var endpoints = TestEndpoints.Many(3);
        endpoints[0].Metrics = endpoints[0].Metrics with { UpdatedAt = TestEndpoints.Now.AddMinutes(-1) };
        var liveness = new EndpointLiveness();
        liveness.RecordAnswer(endpoints[0], TestEndpoints.Now.AddSeconds(-answeredSecondsAgo));
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5, 0.5, liveness);
        var totals = new[] { 2.0 };

        var kept = CycleHarness.Filter(filter, endpoints);
        filter.Adjust(CycleHarness.Cycle(endpoints), [0], totals);

        Assert.That(kept, Is.EqualTo(expectedKept));
        Assert.That(totals[0], Is.EqualTo(expectedTotal));
    }

    [TestCase(200, true)]
    [TestCase(429, true)]
    [TestCase(503, false)]
    public void InFlightLoadTracker_ResponseHeaders_RecordLivenessBelow500(int status, bool recorded)
    {
        var endpoint = TestEndpoints.Create(0);
        var liveness = new EndpointLiveness();
        var tracker = new InFlightLoadTracker("t", liveness, new ManualTimeProvider(TestEndpoints.Now));

        tracker.OnResponseReceived(TestRequests.Completion(), Epp.Scheduling.SchedulingResult.Picked(endpoint), status);

        Assert.That(liveness.SinceLastAnswer(endpoint, TestEndpoints.Now) == TimeSpan.Zero, Is.EqualTo(recorded));
    }

    [Test]
    public void StaleMetricsFilter_AllStale_KeepsAll()
    {
        var endpoints = TestEndpoints.Many(2);
        foreach (var e in endpoints) e.Metrics = EndpointMetrics.None;
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5);

        var kept = CycleHarness.Filter(filter, endpoints);

        Assert.That(kept, Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void StaleMetricsFilter_NeverScrapedNextToFresh_Excluded()
    {
        var endpoints = TestEndpoints.Many(2);
        endpoints[0].Metrics = EndpointMetrics.None;
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5);

        var kept = CycleHarness.Filter(filter, endpoints);

        Assert.That(kept, Is.EqualTo(new[] { 1 }));
    }

    [TestCase(1, 2.0)]
    [TestCase(3, 1.0)]
    public void StaleMetricsFilter_Adjust_HalvesTotalsOfStaleEndpoints(int ageSeconds, double expected)
    {
        var endpoints = TestEndpoints.Many(1);
        endpoints[0].Metrics = endpoints[0].Metrics with { UpdatedAt = TestEndpoints.Now.AddSeconds(-ageSeconds) };
        var filter = new StaleMetricsFilter("s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 0.5);
        var cycle = CycleHarness.Cycle(endpoints);
        var totals = new[] { 2.0 };

        filter.Adjust(cycle, [0], totals);

        Assert.That(totals[0], Is.EqualTo(expected));
    }

    [Test]
    public void LabelFilters_RoleLabels_DecodeAcceptsUnlabeledPrefillDoesNot()
    {
        var endpoints = new[]
        {
            Labeled(0, "decode"), Labeled(1, "prefill"), Labeled(2, "prefill-decode"), TestEndpoints.Create(3), Labeled(4, "encode"),
        };

        var decode = CycleHarness.Filter(LabelFilter.Decode("d"), endpoints);
        var prefill = CycleHarness.Filter(LabelFilter.Prefill("p"), endpoints);
        var encode = CycleHarness.Filter(LabelFilter.Encode("e"), endpoints);

        Assert.That(decode, Is.EqualTo(new[] { 0, 2, 3 }));
        Assert.That(prefill, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(encode, Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public void PrefixCacheAffinityFilter_StickyCandidates_NarrowsToThem()
    {
        var (endpoints, request, producer) = PrefixSetup();
        var filter = new PrefixCacheAffinityFilter("f", 0.8, 0, 5000, new TtftModel());

        var cycle = CycleHarness.Cycle(endpoints, request);
        producer.Produce(cycle);
        var selection = new[] { 0, 1, 2 };
        var kept = filter.Filter(cycle, selection);

        Assert.That(selection[..kept], Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void PrefixCacheAffinityFilter_StickyFarSlower_KeepsAll()
    {
        var (endpoints, request, producer) = PrefixSetup();
        endpoints[0].Metrics = endpoints[0].Metrics with { WaitingQueueSize = 100 }; // ~25 s of queue at 4 req/s
        var filter = new PrefixCacheAffinityFilter("f", 0.8, 0, 5000, new TtftModel());

        var cycle = CycleHarness.Cycle(endpoints, request);
        producer.Produce(cycle);
        var kept = filter.Filter(cycle, new[] { 0, 1, 2 });

        Assert.That(kept, Is.EqualTo(3));
    }

    [TestCase("192.168.1.2", new[] { 1 })]
    [TestCase("192.168.1.2:8000, 192.168.1.3", new[] { 1, 2 })]
    [TestCase("192.168.1.2:9999", new int[0])]
    [TestCase("256.256.256.256", new int[0])]
    [TestCase("", new[] { 0, 1, 2 })]
    public void HeaderBasedTestingFilter_SelectionHeader_KeepsListedEndpoints(string header, int[] expected)
    {
        var kept = CycleHarness.Filter(new HeaderBasedTestingFilter("t"), TestEndpoints.Many(3), WithSelectionHeader(header));

        Assert.That(kept, Is.EqualTo(expected));
    }

    [TestCase("fd00::1", true)]
    [TestCase("[fd00::1]", true)]
    [TestCase("[fd00::1]:8000", true)]
    [TestCase("[fd00::1]:9000", false)]
    [TestCase("fd00::2", false)]
    public void HeaderBasedTestingFilter_Ipv6_MatchesWithOrWithoutBrackets(string header, bool expected)
    {
        var endpoint = new Endpoint(new EndpointSpec("v6", IPAddress.Parse("fd00::1"), 8000));

        var kept = CycleHarness.Filter(new HeaderBasedTestingFilter("t"), [endpoint], WithSelectionHeader(header));

        Assert.That(kept.Length == 1, Is.EqualTo(expected));
    }

    private static Epp.Requests.InferenceRequest WithSelectionHeader(string header)
    {
        var request = TestRequests.Completion();
        return new Epp.Requests.InferenceRequest
        {
            RequestId = request.RequestId, Kind = request.Kind, Path = request.Path, IncomingModel = request.IncomingModel, TargetModel = request.TargetModel,
            Headers = new Dictionary<string, string> { [HeaderBasedTestingFilter.HeaderName] = header },
        };
    }

    private static (Endpoint[] Endpoints, Epp.Requests.InferenceRequest Request, ApproxPrefixCacheProducer Producer) PrefixSetup()
    {
        var endpoints = TestEndpoints.Many(3);
        var request = TestRequests.Completion(new string('z', 64 * 10));
        var producer = new ApproxPrefixCacheProducer("p", new PrefixCacheParameters { AutoTune = false }, new PrefixIndex(new PrefixIndexOptions()), null);
        var cycle = CycleHarness.Cycle([endpoints[0]], request);
        producer.Produce(cycle);
        producer.Index.Record(endpoints[0], cycle.PrefixHashes.AsSpan(0, cycle.PrefixHashCount));
        producer.Abandon(cycle);
        cycle.Return();
        return (endpoints, request, producer);
    }

    private static Endpoint Labeled(int index, string role) =>
        TestEndpoints.Create(index, new EndpointMetrics { UpdatedAt = TestEndpoints.Now }, ImmutableDictionary<string, string>.Empty.Add(LabelFilter.RoleLabel, role));
}
