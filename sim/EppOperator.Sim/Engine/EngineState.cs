namespace EppOperator.Sim.Engine;

/// <summary>What a scrape of the engine sees at one moment: the gauges vLLM exports plus the cumulative counters.</summary>
internal sealed record EngineState(
    int Running,
    int Waiting,
    double KvUsage,
    int FreeBlocks,
    IReadOnlyList<string> RunningAdapters,
    IReadOnlyList<string> WaitingAdapters,
    EngineCounters Counters);
