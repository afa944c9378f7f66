namespace EppOperator.Sim.Engine;

/// <summary>Cumulative counters of one engine, in vLLM's units (tokens, preemptions).</summary>
internal readonly record struct EngineCounters(
    long PromptTokens,
    long GenerationTokens,
    long PrefixCacheQueries,
    long PrefixCacheHits,
    long Preemptions);
