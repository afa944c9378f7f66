namespace EppOperator.Sim.Bench;

/// <summary>Knobs of a virtual benchmark run beyond the workload itself.</summary>
internal sealed record BenchOptions
{
    public int Pods { get; init; } = 8;

    public int Seed { get; init; } = 42;

    /// <summary>How often each pod's metrics are refreshed (the EPP's <c>--refresh-metrics-interval</c>, 50 ms).</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>After the last arrival, how long unfinished requests may still complete before they count as errors.</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Offered loads to sweep; empty = the workload's own list.</summary>
    public IReadOnlyList<double> Loads { get; init; } = [];

    /// <summary>Multiplies each workload's warm-up and duration (smoke runs use less).</summary>
    public double DurationScale { get; init; } = 1.0;

    /// <summary>Engine parameters replacing those of the workload's profile (null = keep).</summary>
    public Func<Engine.EngineProfile, Engine.EngineProfile>? ProfileOverride { get; init; }

    /// <summary>
    /// The priority each planned request is sent with (what its InferenceObjective resolves to; negative is
    /// sheddable); null sends every request at priority 0. When set, runs also report priority ≥ 0 and sheddable
    /// traffic separately (<see cref="RunOutcome.Classes"/>).
    /// </summary>
    public Func<Workloads.PlannedRequest, int>? PriorityOf { get; init; }

    /// <summary>Policy runs in parallel (each run is single-threaded and independent).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
