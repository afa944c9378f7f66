using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Prefix;
using EppOperator.Epp.Scheduling.RequestControl;
using EppOperator.Epp.Scheduling.Scorers;

namespace EppOperator.Scheduling.Tests.Scheduling;

public sealed class ScorerTests
{
    [TestCase(new[] { 3, 0, 10 }, new[] { 0.7, 1.0, 0.0 })]
    [TestCase(new[] { 5, 5, 5 }, new[] { 1.0, 1.0, 1.0 })]
    [TestCase(new[] { 7 }, new[] { 1.0 })]
    [TestCase(new[] { 0, 4 }, new[] { 1.0, 0.0 })]
    public void QueueScorer_WaitingQueues_RelativeToRange(int[] queues, double[] expected)
    {
        var endpoints = queues.Select((q, i) => TestEndpoints.Create(i, queue: q)).ToArray();

        var scores = CycleHarness.Score(new QueueScorer("q", blendInFlight: false), endpoints);

        Assert.That(scores, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void QueueScorer_EmptySelection_WritesNothing()
    {
        var scores = CycleHarness.Score(new QueueScorer("q", blendInFlight: true), []);

        Assert.That(scores, Is.Empty);
    }

    [TestCase(true, new[] { 0.0, 1.0 })]
    [TestCase(false, new[] { 1.0, 1.0 })]
    public void QueueScorer_PicksSinceLastScrape_CountOnlyWhenBlending(bool blend, double[] expected)
    {
        var endpoints = TestEndpoints.Many(2);
        for (var i = 0; i < 3; i++) endpoints[0].AddInFlight(10);

        var scores = CycleHarness.Score(new QueueScorer("q", blend), endpoints);

        Assert.That(scores, Is.EqualTo(expected));
    }

    [Test]
    public void QueueScorer_ScrapeAlreadyCountsInFlight_AddsNothing()
    {
        var busy = TestEndpoints.Create(0, new EndpointMetrics { WaitingQueueSize = 2, RunningRequests = 3, UpdatedAt = TestEndpoints.Now });
        var idle = TestEndpoints.Create(1);
        for (var i = 0; i < 4; i++) busy.AddInFlight(1); // 4 in flight ≤ 5 the server reports

        var scores = CycleHarness.Score(new QueueScorer("q", blendInFlight: true), [busy, idle]);

        Assert.That(scores, Is.EqualTo(new[] { 0.0, 1.0 }));
    }

    [TestCase(new[] { 4, 2, 0 }, new[] { 0.0, 0.5, 1.0 })]
    [TestCase(new[] { 1, 1 }, new[] { 1.0, 1.0 })]
    public void RunningRequestsScorer_RunningCounts_RelativeToRange(int[] running, double[] expected)
    {
        var endpoints = running.Select((r, i) => TestEndpoints.Create(i, new EndpointMetrics { RunningRequests = r, UpdatedAt = TestEndpoints.Now })).ToArray();

        var scores = CycleHarness.Score(new RunningRequestsScorer("r", blendInFlight: false), endpoints);

        Assert.That(scores, Is.EqualTo(expected));
    }

    [TestCase(new[] { 0.2, 0.1, 1.0, 0.0 }, new[] { 0.8, 0.9, 0.0, 1.0 })]
    public void KvCacheUtilizationScorer_Usage_OneMinusUsage(double[] usage, double[] expected)
    {
        var endpoints = usage.Select((kv, i) => TestEndpoints.Create(i, kv: kv)).ToArray();

        var scores = CycleHarness.Score(new KvCacheUtilizationScorer("kv"), endpoints);

        Assert.That(scores, Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase(new[] { "tgt", "foo" }, new string[0], 0, 1.0)]
    [TestCase(new[] { "foo" }, new string[0], 4, 0.8)]
    [TestCase(new[] { "foo" }, new[] { "tgt" }, 4, 0.8)]
    [TestCase(new[] { "foo", "bar" }, new[] { "tgt" }, 2, 0.6)]
    [TestCase(new[] { "foo", "bar" }, new string[0], 2, 0.0)]
    [TestCase(new string[0], new string[0], 0, 0.0)]
    public void LoraAffinityScorer_AdapterStates_ReferenceTiers(string[] active, string[] waiting, int maxLora, double expected)
    {
        var endpoint = TestEndpoints.Create(0, new EndpointMetrics { ActiveModels = [.. active], WaitingModels = [.. waiting], MaxActiveModels = maxLora, UpdatedAt = TestEndpoints.Now });

        var scores = CycleHarness.Score(new LoraAffinityScorer("lora"), [endpoint], TestRequests.Completion(model: "tgt"));

        Assert.That(scores[0], Is.EqualTo(expected));
    }

    [TestCase(0L, 1.0)]
    [TestCase(2_097_152L, 0.5)]
    [TestCase(4_194_304L, 0.0)]
    [TestCase(9_000_000L, 0.0)]
    public void TokenLoadScorer_InFlightTokens_LinearToThreshold(long tokens, double expected)
    {
        var endpoint = TestEndpoints.Create(0);
        if (tokens > 0) endpoint.AddInFlight(tokens);

        var scores = CycleHarness.Score(new TokenLoadScorer("t", TokenLoadScorer.DefaultQueueThresholdTokens), [endpoint]);

        Assert.That(scores[0], Is.EqualTo(expected));
    }

    [Test]
    public void PrefixCacheScorer_PartialAndFullMatches_MatchedOverTotal()
    {
        var endpoints = TestEndpoints.Many(3);
        var producer = new ApproxPrefixCacheProducer("p", new PrefixCacheParameters { AutoTune = false }, new PrefixIndex(new PrefixIndexOptions()), null);
        var prompt = new string('a', 64 * 4) + new string('b', 64 * 4);   // 8 blocks of 64 bytes (+2 quote bytes)
        var half = new string('a', 64 * 4) + new string('c', 64 * 4);
        RecordPick(producer, TestRequests.Completion(prompt), endpoints[0]);
        RecordPick(producer, TestRequests.Completion(half), endpoints[1]);

        var scores = CycleHarness.Score(new PrefixCacheScorer("prefix", new PrefixCacheParameters()), endpoints, TestRequests.Completion(prompt), producer.Produce);

        Assert.That(scores, Is.EqualTo(new[] { 1.0, 0.5, 0.0 }));
    }

    [Test]
    public void PrefixCacheScorer_PromptShorterThanBlock_ScoresZero()
    {
        var endpoints = TestEndpoints.Many(2);
        var producer = new ApproxPrefixCacheProducer("p", new PrefixCacheParameters(), new PrefixIndex(new PrefixIndexOptions()), null);

        var scores = CycleHarness.Score(new PrefixCacheScorer("prefix", new PrefixCacheParameters()), endpoints, TestRequests.Completion("short"), producer.Produce);

        Assert.That(scores, Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [Test]
    public void PrefixCacheScorer_NoProducer_ScoresZero()
    {
        var scores = CycleHarness.Score(new PrefixCacheScorer("prefix", new PrefixCacheParameters()), TestEndpoints.Many(2), TestRequests.Completion(new string('x', 500)));

        Assert.That(scores, Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [Test]
    public void PredictedTtftScorer_QueueVersusCachedPrompt_BestOverOwnEstimate()
    {
        // 4,000-token prompt (16,000 bytes). Endpoint 0: idle, nothing cached: 0.03 + 1.0 = 1.03 s.
        // Endpoint 1: whole prompt cached but 2 queued: 0.03 + 0.5 + ~0 s. Endpoint 2: 8 queued, nothing cached: 0.03 + 2 + 1.
        var endpoints = new[] { TestEndpoints.Create(0), TestEndpoints.Create(1, queue: 2), TestEndpoints.Create(2, queue: 8) };
        var prompt = new string('p', 16_000 - 2);
        var producer = new ApproxPrefixCacheProducer("p", new PrefixCacheParameters { AutoTune = false, MaxPrefixBlocksToMatch = 1000 }, new PrefixIndex(new PrefixIndexOptions()), null);
        RecordPick(producer, TestRequests.Completion(prompt), endpoints[1]);
        var model = new TtftModel { BlendInFlight = false };

        var scores = CycleHarness.Score(new PredictedTtftScorer("ttft", model), endpoints, TestRequests.Completion(prompt), producer.Produce);

        Assert.That(scores[1], Is.EqualTo(1.0));
        Assert.That(scores[0], Is.EqualTo(0.53 / 1.03).Within(1e-3));
        Assert.That(scores[2], Is.EqualTo(0.53 / 3.03).Within(1e-3));
    }

    private static void RecordPick(ApproxPrefixCacheProducer producer, Epp.Requests.InferenceRequest request, Endpoint endpoint)
    {
        var cycle = CycleHarness.Cycle([endpoint], request);
        producer.Produce(cycle);
        producer.Index.Record(endpoint, cycle.PrefixHashes.AsSpan(0, cycle.PrefixHashCount));
        producer.Abandon(cycle);
        cycle.Return();
    }
}
