using EppOperator.Sim.Clock;
using EppOperator.Sim.Engine;
using static EppOperator.Sim.Tests.Engine.EngineTestKit;

namespace EppOperator.Sim.Tests.Engine;

public class SimulatedEngineTests
{
    private VirtualTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new VirtualTimeProvider();

    [Test]
    public void Submit_SingleRequest_StepTimesFollowTheModel()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));
        var observer = new RecordingObserver();

        engine.Submit(Request("a", Text(32, 1), output: 3), observer);
        _time.RunToEnd();

        // Prefill step: 10 + 32 × 0.5 = 26 ms; each decode step: 10 + 1 × 1 = 11 ms.
        Assert.That(observer.Tokens.Select(_time.Ms), Is.EqualTo(new[] { 26.0, 37.0, 48.0 }));
        Assert.That(_time.Ms(observer.FinishedAt!.Value), Is.EqualTo(48.0));
    }

    [Test]
    public void Submit_SecondRequestDuringAStep_JoinsTheNextStep()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));
        var a = new RecordingObserver();
        var b = new RecordingObserver();

        engine.Submit(Request("a", Text(16, 1), output: 2), a);
        engine.Submit(Request("b", Text(16, 2), output: 2), b);
        _time.RunToEnd();

        // a starts a step alone (10 + 16 × 0.5 = 18 ms); b joins the next one, which decodes a and prefills b
        // (10 + 1 + 8 = 19 ms); the last step decodes b alone (10 + 1 = 11 ms).
        Assert.That(a.Tokens.Select(_time.Ms), Is.EqualTo(new[] { 18.0, 37.0 }));
        Assert.That(b.Tokens.Select(_time.Ms), Is.EqualTo(new[] { 37.0, 48.0 }));
    }

    [Test]
    public void Submit_PromptSeenBefore_HitSkipsTheCachedPrefill()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));
        var text = Text(160, 3);
        engine.Submit(Request("first", text, output: 1), new RecordingObserver());
        _time.RunToEnd();
        var start = _time.GetTimestamp();
        var second = new RecordingObserver();

        var result = engine.Submit(Request("second", text, output: 1), second);
        _time.RunToEnd();

        // 9 of 10 blocks hit (the last token is always recomputed), so only 16 tokens are prefilled: 10 + 8 = 18 ms.
        Assert.That(result.Sequence!.CachedTokens, Is.EqualTo(144));
        Assert.That(_time.GetElapsedTime(start, second.Tokens[0]).TotalMilliseconds, Is.EqualTo(18.0));
        var counters = engine.GetState().Counters;
        Assert.That((counters.PrefixCacheQueries, counters.PrefixCacheHits), Is.EqualTo((320L, 144L)));
    }

    [Test]
    public void Submit_SharedSystemPrefixOnly_HitsTheSharedFullBlocks()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));
        var system = Text(100, 4);
        engine.Submit(Request("a", system + Text(40, 5), output: 1), new RecordingObserver());
        _time.RunToEnd();

        var result = engine.Submit(Request("b", system + Text(40, 6), output: 1), new RecordingObserver());
        _time.RunToEnd();

        // 100 shared tokens cover 6 full blocks (96 tokens); block 7 mixes both texts.
        Assert.That(result.Sequence!.CachedTokens, Is.EqualTo(96));
    }

    [Test]
    public void Submit_LongPrompt_IsPrefilledInChunksOfTheTokenBudget()
    {
        using var engine = new SimulatedEngine(Profile(budget: 64), _time, new Random(1));
        var observer = new RecordingObserver();

        engine.Submit(Request("a", Text(100, 1), output: 1), observer);
        _time.RunToEnd();

        // 64 tokens (10 + 32 = 42 ms), then 36 tokens (10 + 18 = 28 ms).
        Assert.That(_time.Ms(observer.Tokens[0]), Is.EqualTo(70.0));
    }

    [Test]
    public void Submit_NotEnoughFreeBlocks_RequestWaitsUntilBlocksAreReleased()
    {
        using var engine = new SimulatedEngine(Profile(blocks: 4), _time, new Random(1));
        var a = new RecordingObserver();
        var b = new RecordingObserver();
        engine.Submit(Request("a", Text(48, 1), output: 10), a);
        engine.Submit(Request("b", Text(32, 2), output: 1), b);

        _time.RunNext();
        var during = engine.GetState();
        _time.RunToEnd();

        Assert.That((during.Running, during.Waiting), Is.EqualTo((1, 1)));
        Assert.That(during.KvUsage, Is.EqualTo(1.0), "a's 48 prompt tokens fill 3 blocks, its first decode a 4th");
        Assert.That(b.Tokens[0], Is.GreaterThan(a.FinishedAt!.Value));
        Assert.That(engine.GetState().Counters.Preemptions, Is.Zero);
    }

    [Test]
    public void Submit_RunningSequencesOutgrowTheCache_NewestIsPreemptedAndRecomputed()
    {
        using var engine = new SimulatedEngine(Profile(blocks: 4), _time, new Random(1));
        var a = new RecordingObserver();
        var b = new RecordingObserver();
        var older = engine.Submit(Request("a", Text(16, 1), output: 40), a).Sequence!;
        var newer = engine.Submit(Request("b", Text(16, 2), output: 40), b).Sequence!;

        _time.RunToEnd();

        Assert.That((older.Preemptions, newer.Preemptions), Is.EqualTo((0, 1)));
        Assert.That((a.Tokens.Count, b.Tokens.Count), Is.EqualTo((40, 40)));
        Assert.That(engine.GetState().Counters.Preemptions, Is.EqualTo(1));
        Assert.That(engine.GetState().FreeBlocks, Is.EqualTo(4));
    }

    [Test]
    public void Submit_MaxNumSeqsReached_FurtherRequestsWait()
    {
        using var engine = new SimulatedEngine(Profile(maxSeqs: 1), _time, new Random(1));
        var a = new RecordingObserver();
        var b = new RecordingObserver();
        engine.Submit(Request("a", Text(16, 1), output: 3), a);
        engine.Submit(Request("b", Text(16, 2), output: 1), b);

        _time.RunNext();
        var during = engine.GetState();
        _time.RunToEnd();

        Assert.That((during.Running, during.Waiting), Is.EqualTo((1, 1)));
        Assert.That(b.Tokens[0], Is.GreaterThan(a.FinishedAt!.Value));
    }

    [Test]
    public void Submit_AdapterWithoutFreeLoraSlot_WaitsWhileLoadedAdapterRequestsPass()
    {
        using var engine = new SimulatedEngine(Profile(maxLoras: 1), _time, new Random(1));
        var x1 = new RecordingObserver();
        var y = new RecordingObserver();
        var x2 = new RecordingObserver();
        engine.Submit(Request("x1", Text(16, 1), output: 5, adapter: "x"), x1);
        _time.RunNext();
        engine.Submit(Request("y", Text(16, 2), output: 1, adapter: "y"), y);
        engine.Submit(Request("x2", Text(16, 3), output: 1, adapter: "x"), x2);

        _time.RunNext();
        var during = engine.GetState();
        _time.RunToEnd();

        Assert.That(during.RunningAdapters, Is.EqualTo(new[] { "x" }));
        Assert.That(during.WaitingAdapters, Is.EqualTo(new[] { "y" }));
        Assert.That(x2.Tokens[0], Is.LessThan(y.Tokens[0]), "a request for the loaded adapter overtakes the blocked one");
        Assert.That(y.Tokens[0], Is.GreaterThan(x1.FinishedAt!.Value));
    }

    [Test]
    public void Abort_RunningRequest_ReleasesItsBlocksAndNeverFinishes()
    {
        using var engine = new SimulatedEngine(Profile(blocks: 10), _time, new Random(1));
        var observer = new RecordingObserver();
        var sequence = engine.Submit(Request("a", Text(64, 1), output: 50), observer).Sequence!;
        _time.RunNext();

        var aborted = engine.Abort(sequence);
        _time.RunToEnd();

        Assert.That(aborted, Is.True);
        Assert.That(observer.FinishedAt, Is.Null);
        Assert.That(engine.GetState().FreeBlocks, Is.EqualTo(10));
        Assert.That(engine.GetState().Running, Is.Zero);
    }

    [TestCase(90_000, 10_001, true)]
    [TestCase(90_000, 10_000, false)]
    [TestCase(100, 10, false)]
    public void Submit_PromptPlusOutputAgainstMaxModelLen_RejectsOnlyWhatCannotFit(int promptTokens, int output, bool rejected)
    {
        using var engine = new SimulatedEngine(Profile(blocks: 100_000), _time, new Random(1));

        var result = engine.Submit(Request("a", Text(promptTokens, 1), output), new RecordingObserver());

        Assert.That(result.Rejection, Is.EqualTo(rejected ? SubmitRejection.TooLong : SubmitRejection.None));
    }

    [Test]
    public void Submit_RequestLargerThanTheWholeCache_IsRejected()
    {
        using var engine = new SimulatedEngine(Profile(blocks: 4), _time, new Random(1));

        var result = engine.Submit(Request("a", Text(60, 1), output: 10), new RecordingObserver());

        Assert.That(result.Rejection, Is.EqualTo(SubmitRejection.TooLong));
    }

    [Test]
    public void Submit_WithJitterAndTheSameSeed_ProducesTheSameTimeline()
    {
        static List<long> Run(int seed)
        {
            var time = new VirtualTimeProvider();
            using var engine = new SimulatedEngine(Profile() with { StepJitter = 0.1 }, time, new Random(seed));
            var observer = new RecordingObserver();
            engine.Submit(Request("a", Text(64, 1), output: 20), observer);
            time.RunToEnd();
            return observer.Tokens;
        }

        var first = Run(7);
        var again = Run(7);
        var otherSeed = Run(8);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(otherSeed, Is.Not.EqualTo(first));
    }

    [Test]
    public void EstimateTimeToFirstToken_IdleEngine_EqualsOnePrefillStep()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));

        var estimate = engine.EstimateTimeToFirstToken(Request("a", Text(32, 1), output: 1));

        Assert.That(estimate.TotalMilliseconds, Is.EqualTo(26.0).Within(1e-6));
    }

    [Test]
    public void EstimateTimeToFirstToken_CachedPrefixAndQueuedWork_MoveTheEstimate()
    {
        using var engine = new SimulatedEngine(Profile(), _time, new Random(1));
        var text = Text(320, 2);
        engine.Submit(Request("warm", text, output: 1), new RecordingObserver());
        _time.RunToEnd();
        var warm = engine.EstimateTimeToFirstToken(Request("b", text, output: 1));
        var cold = engine.EstimateTimeToFirstToken(Request("c", Text(320, 3), output: 1));

        engine.Submit(Request("queued", Text(320, 4), output: 5), new RecordingObserver());
        var behindQueue = engine.EstimateTimeToFirstToken(Request("d", Text(320, 3), output: 1));

        Assert.That(warm, Is.LessThan(cold));
        Assert.That(behindQueue, Is.GreaterThan(cold));
    }
}
