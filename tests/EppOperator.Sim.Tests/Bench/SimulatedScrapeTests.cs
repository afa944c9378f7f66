using System.Text;
using EppOperator.Epp.Datalayer;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Clock;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Serve;
using EppOperator.Sim.Tests.Engine;

namespace EppOperator.Sim.Tests.Bench;

public class SimulatedScrapeTests
{
    [Test]
    public void Read_BusyEngineWithAdapters_EqualsWhatTheEppExtractsFromTheServersMetricsPage()
    {
        var time = new VirtualTimeProvider();
        using var engine = new SimulatedEngine(EngineTestKit.Profile(blocks: 64, maxSeqs: 2, maxLoras: 1), time, new Random(1));
        engine.Submit(EngineTestKit.Request("a", EngineTestKit.Text(200, 1), output: 50, adapter: "sql"), new RecordingObserver());
        engine.Submit(EngineTestKit.Request("b", EngineTestKit.Text(100, 2), output: 50, adapter: "chat"), new RecordingObserver());
        engine.Submit(EngineTestKit.Request("c", EngineTestKit.Text(100, 3), output: 50), new RecordingObserver());
        time.RunNext();
        var page = new StringWriter();
        new VllmMetrics(engine, "m", time).Write(page);

        var direct = SimulatedScrape.Read(engine, time.GetUtcNow());
        var extracted = new MetricsExtractor(EngineMetricMappings.VllmMapping)
            .Extract(Encoding.UTF8.GetBytes(page.ToString()), EndpointMetrics.None, time.GetUtcNow()).Metrics!;

        Assert.That((direct.RunningRequests, direct.WaitingQueueSize), Is.EqualTo((2, 1)), "the scenario has a queue");
        Assert.That(direct.ActiveModels, Is.EqualTo(new[] { "sql" }));
        Assert.That(extracted.WaitingQueueSize, Is.EqualTo(direct.WaitingQueueSize));
        Assert.That(extracted.RunningRequests, Is.EqualTo(direct.RunningRequests));
        Assert.That(extracted.KvCacheUsage, Is.EqualTo(direct.KvCacheUsage));
        Assert.That(extracted.ActiveModels, Is.EqualTo(direct.ActiveModels));
        Assert.That(extracted.WaitingModels, Is.EqualTo(direct.WaitingModels));
        Assert.That(extracted.MaxActiveModels, Is.EqualTo(direct.MaxActiveModels));
        Assert.That((extracted.CacheBlockSize, extracted.CacheNumBlocks), Is.EqualTo((direct.CacheBlockSize, direct.CacheNumBlocks)));
    }
}
