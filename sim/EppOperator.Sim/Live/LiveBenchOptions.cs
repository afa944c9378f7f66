using EppOperator.Sim.Engine;
using EppOperator.Sim.Load;

namespace EppOperator.Sim.Live;

/// <summary>How <c>eppsim bench --mode live</c> (and the demo) run: fleet size, time compression, what to compare.</summary>
internal sealed record LiveBenchOptions
{
    /// <summary>The policies a live run can compare: the gateway alone, the gateway calling the EPP, and calling the
    /// EPP with flow control and an objective that makes the sheddable traffic priority −1.</summary>
    public static readonly IReadOnlyList<string> KnownPolicies = [RoundRobin, Epp, EppFlowControl];

    public const string RoundRobin = "round-robin";
    public const string Epp = "epp";
    public const string EppFlowControl = "epp+fc";

    public int Pods { get; init; } = 4;

    public int Seed { get; init; } = 42;

    /// <summary>The servers' <c>--time-scale</c>: 0.25 runs the model four times faster than real time.</summary>
    public double TimeScale { get; init; } = 0.25;

    /// <summary>Multiplies each workload's warm-up and duration.</summary>
    public double DurationScale { get; init; } = 1.0;

    /// <summary>Offered loads (fractions of the round-robin capacity); empty runs the workload's headline load.</summary>
    public IReadOnlyList<double> Loads { get; init; } = [];

    public IReadOnlyList<string> Policies { get; init; } = KnownPolicies;

    /// <summary>Which users' requests name the sheddable objective (under every policy, so all compare on the same
    /// classes); null marks none and reports no classes.</summary>
    public SheddableTraffic? Sheddable { get; init; }

    /// <summary>ext_proc over TLS (the product default: the gateway verifies the EPP against a private CA) or h2c.</summary>
    public bool EppTls { get; init; } = true;

    /// <summary>Engine profile for every pod instead of the workload's; engine flags in <see cref="EngineArguments"/>.</summary>
    public string? ProfileName { get; init; }

    /// <summary>The same engine overrides as <see cref="EngineArguments"/>, applied to the profile the capacity is measured with.</summary>
    public Func<EngineProfile, EngineProfile> ProfileOverride { get; init; } = p => p;

    /// <summary>Engine flags passed to every <c>eppsim serve</c> (e.g. <c>--max-num-seqs 64</c>).</summary>
    public IReadOnlyList<string> EngineArguments { get; init; } = [];

    /// <summary>Extra flags for the <c>epp</c> process (e.g. a scheduler config).</summary>
    public IReadOnlyList<string> EppArguments { get; init; } = [];

    public string EppsimPath { get; init; } = Executables.EppsimDll;

    public string EppPath { get; init; } = Executables.EppDll;

    /// <summary>Client requests in flight at most (the load generator's limit).</summary>
    public int MaxConcurrency { get; init; } = 2048;

    /// <summary>How long the processes of a run may take to become ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether <paramref name="policy"/> puts an EPP behind the gateway.</summary>
    public static bool CallsEpp(string policy) => policy is Epp or EppFlowControl;
}
