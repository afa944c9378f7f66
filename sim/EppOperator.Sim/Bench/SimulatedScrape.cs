using EppOperator.Epp.Datalayer;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Bench;

/// <summary>
/// What the EPP's scraper would publish for a simulated pod, read straight from the engine instead of through
/// <c>/metrics</c> text, so a virtual run does not spend its time printing and parsing pages. A test checks that
/// the real <see cref="MetricsExtractor"/> reading the server's <c>/metrics</c> gives the same values.
/// </summary>
internal static class SimulatedScrape
{
    public static EndpointMetrics Read(SimulatedEngine engine, DateTimeOffset now)
    {
        var state = engine.GetState();
        var profile = engine.Profile;
        return new EndpointMetrics
        {
            WaitingQueueSize = state.Waiting,
            RunningRequests = state.Running,
            KvCacheUsage = state.KvUsage,
            ActiveModels = [.. state.RunningAdapters],
            WaitingModels = [.. state.WaitingAdapters],
            MaxActiveModels = profile.MaxLoras,
            CacheBlockSize = profile.BlockSize,
            CacheNumBlocks = profile.NumGpuBlocks,
            UpdatedAt = now,
        };
    }
}
